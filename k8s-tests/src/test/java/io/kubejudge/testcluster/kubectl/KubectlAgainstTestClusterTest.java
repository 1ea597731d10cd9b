package io.kubejudge.testcluster.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.kubejudge.testcluster.InJvmTestCluster;
import io.kubejudge.testcluster.RepositoryLayout;
import io.kubejudge.testcluster.apiserver.ApiRequest;
import io.kubejudge.testcluster.apiserver.RequestLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl v1.32 against the in-JVM test cluster, for what users and the install test do:
 * apply (create, then re-apply as a patch), get with the CRDs' printer columns and category, wait
 * for a condition, scale a JudgeNodePool through its scale subresource, delete -f. No operator runs:
 * the test writes the status kubectl waits for and prints.
 */
class KubectlAgainstTestClusterTest {

    private static final String SUBMISSION = "aplusb-demo-1";

    @TempDir
    static Path work;

    private static InJvmTestCluster cluster;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        cluster = InJvmTestCluster.start();
        kubectl = Kubectl.using(cluster.writeKubeconfig(work.resolve("kubeconfig")), work);
        Path root = RepositoryLayout.root();
        kubectl.run("apply", "-f", root.resolve("examples/problems/aplusb/kubernetes.yaml").toString(),
                "-f", root.resolve("examples/kubernetes/pool-default.yaml").toString(),
                "-f", root.resolve("examples/kubernetes/submission-aplusb-cpp.yaml").toString()).ok();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void discoveryListsTheCustomResourcesWithShortNamesAndCategory() {
        String out = kubectl.run("api-resources", "--api-group=kubejudge.io", "-o", "wide").ok().stdout();
        assertThat(out).containsPattern("judgesubmissions\\s+js,sub\\s+kubejudge.io/v1alpha1\\s+true\\s+JudgeSubmission")
                .containsPattern("judgenodepools\\s+jnp,pool\\s+kubejudge.io/v1alpha1\\s+true\\s+JudgeNodePool")
                .contains("kubejudge");
        assertThat(kubectl.run("api-resources", "--api-group=apps").ok().stdout()).containsPattern("deployments\\s+deploy\\s+apps/v1");
    }

    @Test
    void applyCreatedTheExamplesInTheContextNamespace() {
        assertThat(submission().get()).isNotNull();
        assertThat(client().genericKubernetesResources("kubejudge.io/v1alpha1", "JudgeProblem")
                .inNamespace(cluster.namespace()).withName("aplusb").get()).isNotNull();
        String reapplied = kubectl.run("apply", "-f",
                RepositoryLayout.root().resolve("examples/kubernetes/submission-aplusb-cpp.yaml").toString()).ok().stdout();
        assertThat(reapplied).contains("judgesubmission.kubejudge.io/" + SUBMISSION + " unchanged");
    }

    @Test
    void serverSideApplyCreatesThenPatches() throws Exception {
        String problem = RepositoryLayout.root().resolve("examples/problems/aplusb/kubernetes.yaml").toString();
        String namespace = "kubejudge-ssa";
        assertThat(kubectl.run("apply", "--server-side", "-n", namespace, "-f", problem).ok().stdout())
                .contains("judgeproblem.kubejudge.io/aplusb serverside-applied");
        Path renamed = work.resolve("problem-title.yaml");
        Files.writeString(renamed, Files.readString(Path.of(problem)).replace("title: \"A + B\"", "title: \"A plus B\""));
        assertThat(kubectl.run("apply", "--server-side", "-n", namespace, "-f", renamed.toString()).ok().stdout())
                .contains("judgeproblem.kubejudge.io/aplusb serverside-applied");
        GenericKubernetesResource applied = client().genericKubernetesResources("kubejudge.io/v1alpha1", "JudgeProblem")
                .inNamespace(namespace).withName("aplusb").get();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) applied.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("title", "A plus B").containsKey("tests");
        assertThat(cluster.apiRequests().byUser(RequestLog.ADMIN_USER)).contains(new ApiRequest(RequestLog.ADMIN_USER,
                "patch", "kubejudge.io", "judgeproblems", null, namespace, "aplusb", null));
    }

    @Test
    void waitSeesTheConditionAndGetPrintsThePrinterColumns() throws Exception {
        CompletableFuture<Kubectl.Result> waiting = CompletableFuture.supplyAsync(() ->
                kubectl.run("wait", "--for=condition=Completed", "js/" + SUBMISSION, "--timeout=30s"));
        Thread.sleep(1500); // let kubectl start watching before the condition appears
        assertThat(waiting).isNotDone();
        GenericKubernetesResource js = submission().get();
        js.setAdditionalProperty("status", Map.of("phase", "Completed", "verdict", "Accepted", "score", 100,
                "timeMs", 12, "memoryKiB", 3456, "conditions", List.of(Map.of("type", "Completed", "status", "True",
                        "lastTransitionTime", Instant.now().toString(), "reason", "Judged", "message", "done"))));
        submission().updateStatus(js);

        assertThat(waiting.get().ok().stdout()).contains("judgesubmission.kubejudge.io/" + SUBMISSION + " condition met");
        String table = kubectl.run("get", "js").ok().stdout();
        assertThat(table).containsPattern("NAME\\s+PHASE\\s+VERDICT\\s+SCORE\\s+TIME\\s+MEMORY\\s+AGE")
                .containsPattern(SUBMISSION + "\\s+Completed\\s+Accepted\\s+100\\s+12\\s+3456\\s+\\d+s");
    }

    @Test
    void getByCategoryListsAllThreeKinds() {
        String out = kubectl.run("get", "kubejudge").ok().stdout();
        assertThat(out).contains("judgeproblem.kubejudge.io/aplusb", "judgenodepool.kubejudge.io/default",
                "judgesubmission.kubejudge.io/" + SUBMISSION);
    }

    @Test
    void scaleChangesOnlyTheSpecReplicasOfThePool() {
        assertThat(kubectl.run("get", "jnp", "default", "-o", "jsonpath={.spec.replicas}").ok().stdout()).isEqualTo("4");
        assertThat(kubectl.run("scale", "jnp", "default", "--replicas=3").ok().stdout())
                .contains("judgenodepool.kubejudge.io/default scaled");
        assertThat(kubectl.run("get", "jnp", "default", "-o", "jsonpath={.spec.replicas}").ok().stdout()).isEqualTo("3");
        GenericKubernetesResource pool = client().genericKubernetesResources("kubejudge.io/v1alpha1", "JudgeNodePool")
                .inNamespace(cluster.namespace()).withName("default").get();
        assertThat(pool.getKind()).isEqualTo("JudgeNodePool");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) pool.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("replicas", 3).containsKeys("resources", "image", "autoscaling");
        assertThat(kubectl.run("get", "jnp", "default", "-o", "yaml").ok().stdout()).contains("kind: JudgeNodePool", "replicas: 3");

        assertThat(cluster.apiRequests().byUser(RequestLog.ADMIN_USER)).anySatisfy(r -> assertThat(r)
                .isEqualTo(new ApiRequest(RequestLog.ADMIN_USER, "patch", "kubejudge.io", "judgenodepools", "scale",
                        cluster.namespace(), "default", null)));
    }

    @Test
    void reapplyPatchesBuiltInsAndDeleteRemovesThem() throws Exception {
        Path manifests = work.resolve("app.yaml");
        Files.writeString(manifests, app("v1", "1"));
        assertThat(kubectl.run("apply", "-f", manifests.toString()).ok().stdout())
                .contains("configmap/app created", "deployment.apps/app created");
        Files.writeString(manifests, app("v2", "2"));
        assertThat(kubectl.run("apply", "-f", manifests.toString()).ok().stdout())
                .contains("configmap/app configured", "deployment.apps/app configured");

        assertThat(client().configMaps().inNamespace(cluster.namespace()).withName("app").get().getData())
                .containsEntry("version", "v2");
        Deployment deployment = client().apps().deployments().inNamespace(cluster.namespace()).withName("app").get();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
                .extracting(c -> c.getName() + "=" + c.getImage())
                .containsExactly("web=example/web:v2", "sidecar=example/sidecar:1");
        assertThat(deployment.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/last-applied-configuration");

        assertThat(kubectl.run("get", "deploy").ok().stdout()).containsPattern("NAME\\s+AGE").contains("app");
        assertThat(kubectl.run("delete", "-f", manifests.toString(), "--timeout=30s").ok().stdout())
                .contains("configmap \"app\" deleted", "deployment.apps \"app\" deleted");
        assertThat(client().configMaps().inNamespace(cluster.namespace()).withName("app").get()).isNull();
        assertThat(client().apps().deployments().inNamespace(cluster.namespace()).withName("app").get()).isNull();

        List<ApiRequest> admin = cluster.apiRequests().byUser(RequestLog.ADMIN_USER);
        String ns = cluster.namespace();
        assertThat(admin).contains(
                new ApiRequest(RequestLog.ADMIN_USER, "create", "", "configmaps", null, ns, null, null),
                new ApiRequest(RequestLog.ADMIN_USER, "patch", "apps", "deployments", null, ns, "app", null),
                new ApiRequest(RequestLog.ADMIN_USER, "delete", "apps", "deployments", null, ns, "app", null),
                new ApiRequest(RequestLog.ADMIN_USER, "get", null, null, null, null, null, "/apis"));
        assertThat(cluster.apiRequests().byUser(RequestLog.ANONYMOUS))
                .as("the test's own client has no token").isNotEmpty();
    }

    @Test
    void everyKindTheChartRendersAppliesAndReapplies() throws Exception {
        String kinds;
        try (var in = getClass().getResourceAsStream("/kubectl/chart-kinds.yaml")) {
            kinds = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path first = work.resolve("chart-1.yaml");
        Path second = work.resolve("chart-2.yaml");
        Files.writeString(first, kinds);
        Files.writeString(second, kinds.replace("replicas: 2", "replicas: 3").replace("minAvailable: 1", "minAvailable: 2"));
        String created = kubectl.run("apply", "-f", first.toString()).ok().stdout();
        assertThat(created.lines()).hasSize(15).allMatch(line -> line.endsWith(" created"));
        String configured = kubectl.run("apply", "-f", second.toString()).ok().stdout();
        assertThat(configured).contains("deployment.apps/kubejudge-operator configured",
                "poddisruptionbudget.policy/kubejudge-operator configured", "statefulset.apps/kubejudge-redis unchanged",
                "networkpolicy.networking.k8s.io/kubejudge-redis unchanged", "judgenodepool.kubejudge.io/default unchanged");
        // A PDB's selector has patchStrategy "replace": kubectl's three-way diff always sends it, so a real
        // API server reports the PDB "configured" on every apply too.
        assertThat(kubectl.run("apply", "-f", second.toString()).ok().stdout().lines()
                .filter(line -> !line.startsWith("poddisruptionbudget"))).hasSize(14).allMatch(line -> line.endsWith(" unchanged"));
        assertThat(client().apps().deployments().inNamespace("kubejudge").withName("kubejudge-operator").get()
                .getSpec().getReplicas()).isEqualTo(3);
        assertThat(kubectl.run("scale", "statefulset", "kubejudge-redis", "-n", "kubejudge", "--replicas=2").ok().stdout())
                .contains("statefulset.apps/kubejudge-redis scaled");
        assertThat(client().apps().statefulSets().inNamespace("kubejudge").withName("kubejudge-redis").get()
                .getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
    }

    private static String app(String version, String replicas) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app
                data:
                  version: %1$s
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: %2$s
                  selector:
                    matchLabels: {app: app}
                  template:
                    metadata:
                      labels: {app: app}
                    spec:
                      containers:
                      - name: web
                        image: example/web:%1$s
                        env:
                        - {name: VERSION, value: %1$s}
                      - name: sidecar
                        image: example/sidecar:1
                """.formatted(version, replicas);
    }

    private static Resource<GenericKubernetesResource> submission() {
        return client().genericKubernetesResources("kubejudge.io/v1alpha1", "JudgeSubmission")
                .inNamespace(cluster.namespace()).withName(SUBMISSION);
    }

    private static KubernetesClient client() {
        return cluster.client();
    }
}
