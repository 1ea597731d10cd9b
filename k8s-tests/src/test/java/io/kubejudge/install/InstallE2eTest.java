package io.kubejudge.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubejudge.helm.HelmChart;
import io.kubejudge.helm.RenderRequest;
import io.kubejudge.helm.Rendering;
import io.kubejudge.testcluster.InJvmTestCluster;
import io.kubejudge.testcluster.RepositoryLayout;
import io.kubejudge.testcluster.apiserver.ApiRequest;
import io.kubejudge.testcluster.docker.DockerTestImages;
import io.kubejudge.testcluster.kubectl.Kubectl;
import io.kubejudge.testcluster.kubelet.DockerNetwork;
import io.kubejudge.testcluster.rbac.RbacRules;
import io.kubejudge.testcluster.rbac.RbacUsage;
import io.kubejudge.testcluster.rbac.RbacUsage.Excused;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart installed as a user installs it: its images built from this checkout, the rendered
 * manifests applied with the real kubectl to the in-JVM test cluster whose kubelet runs the operator,
 * API and Redis pods as Docker containers with the rendered securityContext, env and volumes, and
 * whose API server authorizes the service accounts by the chart's own RBAC. A user then judges the
 * example submission with kubectl and through the HTTP API, scales the pool, and uninstalls the
 * release as Helm does (pre-delete hooks, then the objects). Run it alone: scripts/install-e2e.sh.
 */
class InstallE2eTest {

    private static final String RELEASE = "kubejudge";
    private static final String NS = "kubejudge";
    private static final String JUDGES = "kubejudge-judges";
    private static final String OPERATOR_SA = RbacRules.serviceAccountUser(NS, "kubejudge-operator");
    private static final String API_SA = RbacRules.serviceAccountUser(NS, "kubejudge-api");
    private static final String UNINSTALL_SA = RbacRules.serviceAccountUser(NS, "kubejudge-uninstall");
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration VERDICT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Rule verbs the scenario does not reach, each with why. Everything else the chart grants must be
     * used by some request below.
     */
    private static final Map<String, List<Excused>> EXCUSED = Map.of(
            OPERATOR_SA, List.of(
                    new Excused("get", "kubejudge.io", "judgesubmissions",
                            "re-read only after a 409 conflict on a finalizer patch (no concurrent writer here)"),
                    new Excused("delete", "kubejudge.io", "judgesubmissions",
                            "at the end of retention (kubejudge.retention, 24 h by default); the scenario lasts minutes"),
                    new Excused("get", "", "pods",
                            "PodFinalizer re-reads a judge pod only after a 409 conflict of its update (the kubelet writes"
                                    + " the pod's status at the same time: some runs have one, most do not)"),
                    new Excused("get", "batch", "jobs",
                            "JudgeJobs.fetch, only when the Job informer has not yet seen a Job just created"),
                    new Excused("update", "coordination.k8s.io", "leases",
                            "no request uses it: java-operator-sdk's start-up SelfSubjectRulesReview check requires it"
                                    + " (fabric8's LeaseLock renews with patch)")),
            API_SA, List.of(
                    new Excused("get", "kubejudge.io", "judgeproblems",
                            "ProblemCatalog's read-through, only for a problem its informer has not seen yet")),
            UNINSTALL_SA, List.of(
                    new Excused("update", "kubejudge.io", "judgesubmissions",
                            "removing a finalizer left on a submission, only when the operator did not finish it within uninstall.timeout"),
                    new Excused("get", "kubejudge.io", "judgesubmissions", "re-read after a 409 conflict of that update"),
                    new Excused("update", "", "pods",
                            "removing the kubejudge.io/result finalizer left on a judge pod, only when no operator released it"),
                    new Excused("get", "", "pods", "re-read after a 409 conflict of that update")));

    @TempDir
    Path work;

    private Kubectl kubectl;
    private KubernetesClient client;

    @Test
    void theChartInstallsJudgesScalesAndUninstallsCleanly() throws Exception {
        long t0 = System.nanoTime();
        KubejudgeImages images = KubejudgeImages.build();
        long imagesBuilt = System.nanoTime();
        log("images %s + %s built or up to date in %d ms", images.references(), images.redis(), ms(t0, imagesBuilt));
        imagesRunAsNobodyAndOnlyTheRunnerHoldsCompilers(images);

        Path values = RepositoryLayout.root().resolve("k8s-tests/src/test/resources/install/values-test-cluster.yaml");
        Rendering rendering = HelmChart.kubejudge().render(RenderRequest.release(RELEASE).namespace(NS).values(values));
        assertThat(rendering.one(io.fabric8.kubernetes.api.model.Secret.class, "kubejudge-api-jwt").getStringData().get("publicKey.pem").strip())
                .as("the values' JWT key is the API's dev public key")
                .isEqualTo(Files.readString(RepositoryLayout.root().resolve("api/src/test/resources/dev-keys/publicKey.pem")).strip());
        Path release = writeManifests("release.yaml", rendering.releaseObjects());
        RbacRules rbac = RbacRules.of(rendering.objects());

        String clusterId;
        try (InJvmTestCluster cluster = InJvmTestCluster.start(InJvmTestCluster.Options.defaults().withDockerPods(true))) {
            clusterId = cluster.podNetwork().orElseThrow().clusterId();
            client = cluster.client();
            kubectl = Kubectl.using(cluster.writeKubeconfig(work.resolve("kubeconfig")), work);
            // Before anything is applied: the operator's and the API's first request is already judged by the chart's RBAC.
            cluster.enforceRbac(rbac);

            long installStart = System.nanoTime();
            install(release);
            long ready = System.nanoTime();
            log("install to Ready (operator 2/2, API 2/2, Redis 1/1) in %d ms", ms(installStart, ready));

            exactlyOneLeader();
            judgeTheExampleWithKubectl();
            scaleThePoolWithKubectl();
            judgeThroughTheApi(images);
            operatorKeepsThePoolsObjects();

            // A judging still in progress when the release goes: the hook has the operator cancel it.
            kubectl.run("-n", JUDGES, "apply", "-f",
                    RepositoryLayout.root().resolve("k8s-tests/src/test/resources/install/submission-unfinished.yaml").toString()).ok();
            await("the unfinished submission is being judged").atMost(Duration.ofSeconds(60)).until(() -> kubectl.run("-n", JUDGES,
                    "get", "js", "aplusb-unfinished", "-o", "jsonpath={.status.phase}").stdout().strip(), "Running"::equals);
            uninstall(rendering, release);
            assertRbacExactlyEnough(cluster, rbac);
            // The kubelet stops a deleted pod's containers with its grace period (the JVMs and Redis exit on SIGTERM).
            await("no container of the cluster running after the uninstall").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> runningContainersOf(clusterId), List::isEmpty);
        }
        assertThat(DockerTestImages.docker("ps", "-aq", "--filter", "label=" + DockerNetwork.CLUSTER_LABEL + "=" + clusterId))
                .as("containers of the cluster left after close").isEmpty();
        assertThat(DockerTestImages.docker("network", "ls", "-q", "--filter", "label=" + DockerNetwork.CLUSTER_LABEL + "=" + clusterId))
                .as("the cluster's pod network left after close").isEmpty();
        log("whole test %d ms", ms(t0, System.nanoTime()));
    }

    /** The images' own user, and no build tool chain in the operator's and the API's (the runner's compilers are its job). */
    private static void imagesRunAsNobodyAndOnlyTheRunnerHoldsCompilers(KubejudgeImages images) {
        for (String image : images.references()) {
            assertThat(KubejudgeImages.user(image)).as("USER of %s", image).isEqualTo("65534:65534");
        }
        assertThat(KubejudgeImages.buildToolsIn(images.operator())).as("build tools in %s", images.operator()).isEmpty();
        assertThat(KubejudgeImages.buildToolsIn(images.api())).as("build tools in %s", images.api()).isEmpty();
        // The same probe finds the runner's compilers: an empty answer above is not a probe that finds nothing.
        assertThat(KubejudgeImages.buildToolsIn(images.runner())).contains("/usr/bin/gcc", "/usr/bin/javac", "/usr/bin/go");
    }

    private void install(Path release) throws IOException {
        Path namespace = work.resolve("namespace.yaml");
        // kubectl create namespace sends protobuf, which the test API server does not speak: a manifest.
        Files.writeString(namespace, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + NS + "\n");
        kubectl.run("apply", "-f", namespace.toString()).ok();
        // The README's upgrade step; on install the cluster already has the same CRDs (crds/ = crds/generated).
        kubectl.run("apply", "--server-side", "-f", RepositoryLayout.root().resolve("helm/kubejudge/crds").toString()).ok();
        kubectl.run("apply", "-f", release.toString()).ok();

        kubectl.run(READY, "-n", NS, "wait", "--for=jsonpath={.status.readyReplicas}=1", "statefulset/kubejudge-redis",
                "--timeout=" + READY.toSeconds() + "s").ok();
        for (String deployment : List.of("kubejudge-operator", "kubejudge-api")) {
            Kubectl.Result r = kubectl.run(READY, "-n", NS, "wait", "--for=condition=Available", "deployment/" + deployment,
                    "--timeout=" + READY.toSeconds() + "s");
            if (r.exitCode() != 0) {
                throw new AssertionError(deployment + " not Available:\n" + r + "\n" + podReport(NS));
            }
            kubectl.run(READY, "-n", NS, "wait", "--for=jsonpath={.status.readyReplicas}=2", "deployment/" + deployment,
                    "--timeout=" + READY.toSeconds() + "s").ok();
        }
        assertThat(readyPods(NS, "operator")).hasSize(2);
        assertThat(readyPods(NS, "api")).hasSize(2);
    }

    private void exactlyOneLeader() {
        List<String> operators = readyPods(NS, "operator").stream().map(p -> p.getMetadata().getName()).toList();
        String holder = await("a Lease holder").atMost(Duration.ofSeconds(60)).until(
                () -> kubectl.run("-n", NS, "get", "lease", "kubejudge-operator", "-o", "jsonpath={.spec.holderIdentity}").stdout().strip(),
                h -> !h.isEmpty());
        assertThat(operators).as("the Lease holder is one of the two operator pods").contains(holder);
        assertThat(readyPods(NS, "operator")).as("both operator pods Ready, leader and standby").hasSize(2);
        log("leader %s of %s", holder, operators);
    }

    private void judgeTheExampleWithKubectl() {
        Path root = RepositoryLayout.root();
        kubectl.run("-n", JUDGES, "apply", "--server-side", "-f", root.resolve("examples/problems/aplusb/kubernetes.yaml").toString()).ok();
        long submitted = System.nanoTime();
        kubectl.run("-n", JUDGES, "apply", "-f", root.resolve("examples/kubernetes/submission-aplusb-cpp.yaml").toString()).ok();
        assertThat(kubectl.run("-n", JUDGES, "get", "js").ok().stdout()).contains("aplusb-demo-1");
        Kubectl.Result waited = kubectl.run(VERDICT.plusSeconds(10), "-n", JUDGES, "wait", "--for=condition=Completed",
                "js/aplusb-demo-1", "--timeout=" + VERDICT.toSeconds() + "s");
        if (waited.exitCode() != 0) {
            throw new AssertionError("js/aplusb-demo-1 not Completed:\n" + waited + "\n"
                    + kubectl.run("-n", JUDGES, "get", "js", "aplusb-demo-1", "-o", "yaml").stdout() + podReport(NS));
        }
        String verdict = kubectl.run("-n", JUDGES, "get", "js", "aplusb-demo-1", "-o", "jsonpath={.status.verdict}").ok().stdout().strip();
        assertThat(verdict).isEqualTo("Accepted");
        log("verdict %s (kubectl: js/aplusb-demo-1, cpp, submission to verdict %d ms)", verdict, ms(submitted, System.nanoTime()));
        System.out.println("install-e2e: verdict " + verdict + " (kubectl apply of examples/kubernetes/submission-aplusb-cpp.yaml)");
    }

    private void scaleThePoolWithKubectl() {
        kubectl.run("-n", JUDGES, "scale", "jnp", "default", "--replicas=3").ok();
        assertThat(kubectl.run("-n", JUDGES, "get", "jnp", "default", "-o", "jsonpath={.spec.replicas}").ok().stdout().strip()).isEqualTo("3");
        // The operator follows: the pool's status and its ResourceQuota (3 judge pods).
        await("the pool's status.replicas follows").atMost(Duration.ofSeconds(60)).until(() ->
                kubectl.run("-n", JUDGES, "get", "jnp", "default", "-o", "jsonpath={.status.replicas}").stdout().strip(), "3"::equals);
        await("the pool's ResourceQuota follows").atMost(Duration.ofSeconds(60)).until(() ->
                kubectl.run("-n", JUDGES, "get", "resourcequota", "kubejudge-pool-default", "-o", "jsonpath={.spec.hard.pods}").stdout().strip(),
                "3"::equals);
    }

    /** What a user does to the pool's objects by hand, and the operator puts right. */
    private void operatorKeepsThePoolsObjects() {
        // Someone lets ingress into the judge pods (the deny-all policy no longer covers Ingress): the operator
        // restores it within its 10 s refresh.
        kubectl.run("-n", JUDGES, "patch", "networkpolicy", "kubejudge-pool-default-deny-all", "--type", "merge",
                "-p", "{\"spec\":{\"policyTypes\":[\"Egress\"]}}").ok();
        await("the NetworkPolicy restored").atMost(Duration.ofSeconds(60)).until(() -> kubectl.run("-n", JUDGES, "get", "networkpolicy",
                "kubejudge-pool-default-deny-all", "-o", "jsonpath={.spec.policyTypes}").stdout().strip(), "[\"Ingress\",\"Egress\"]"::equals);
        // Autoscaling switched off: the operator deletes the pool's HPA.
        kubectl.run("-n", JUDGES, "patch", "jnp", "default", "--type", "merge", "-p", "{\"spec\":{\"autoscaling\":null}}").ok();
        await("the HPA gone").atMost(Duration.ofSeconds(60)).until(() ->
                kubectl.run("-n", JUDGES, "get", "hpa", "-o", "name").stdout().strip(), String::isEmpty);
    }

    private void judgeThroughTheApi(KubejudgeImages images) throws Exception {
        kubectl.run("-n", JUDGES, "apply", "-f",
                RepositoryLayout.root().resolve("k8s-tests/src/test/resources/install/problem-1.yaml").toString()).ok();
        Pod apiPod = readyPods(NS, "api").get(0);
        URI api = URI.create("http://" + apiPod.getStatus().getPodIP() + ":8080");
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(api.resolve("/q/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode checks = JSON.readTree(health.body());
        assertThat(checks.path("status").asText()).isEqualTo("UP");
        assertThat(checks.path("checks").toString()).containsIgnoringCase("redis").containsIgnoringCase("kubernetes");

        String user = KubejudgeImages.mintToken(images.api(), "1001", "submitter");
        String admin = KubejudgeImages.mintToken(images.api(), "1", "admin");
        String source = "#include <stdio.h>\nint main(void) { long long a, b; scanf(\"%lld %lld\", &a, &b); printf(\"%lld\\n\", a + b); return 0; }\n";
        long submitted = System.nanoTime();
        HttpResponse<String> submit = post(api, "/api/v1/judge/submit", user,
                Map.of("submission_id", 2, "problem_id", 1, "user_id", 1001, "language", "c", "code", source));
        assertThat(submit.statusCode()).as(submit.body()).isEqualTo(202);
        JsonNode done = awaitFinal(api, user, 2);
        assertThat(done.path("verdict").asText()).as(done.toString()).isEqualTo("Accepted");
        log("verdict %s (API: submission 2, c, submission to verdict %d ms)", done.path("verdict").asText(), ms(submitted, System.nanoTime()));
        System.out.println("install-e2e: verdict " + done.path("verdict").asText() + " (POST /api/v1/judge/submit to " + apiPod.getMetadata().getName() + ")");

        // A rejudge of the problem's submissions (lists them, patches each), judged again by the operator.
        HttpResponse<String> rejudge = post(api, "/api/v1/judge/rejudge", admin, Map.of("problem_id", 1));
        assertThat(rejudge.statusCode()).as(rejudge.body()).isEqualTo(202);
        await("the rejudge").atMost(VERDICT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode s = getJson(api, user, 2);
            return s.path("final").asBoolean() && s.path("rejudge").asInt() >= 1;
        });
        assertThat(getJson(api, user, 2).path("verdict").asText()).isEqualTo("Accepted");

        // A cancel (a JSON merge patch of spec.cancel) right after a submit.
        assertThat(post(api, "/api/v1/judge/submit", user,
                Map.of("submission_id", 3, "problem_id", 1, "user_id", 1001, "language", "c", "code", source)).statusCode()).isEqualTo(202);
        HttpResponse<String> cancel = HTTP.send(HttpRequest.newBuilder(api.resolve("/api/v1/judge/submissions/3"))
                .header("Authorization", "Bearer " + user).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).as(cancel.body()).isIn(202, 409);
        JsonNode cancelled = awaitFinal(api, user, 3);
        log("submission 3 after the cancel (%d): %s", cancel.statusCode(), cancelled.path("verdict").asText());

        // The pool's slots through the API (a merge patch of spec.replicas), and the cluster's status.
        // With autoscaling on it also raises the HPA's minReplicas, which the operator writes to the HPA.
        HttpResponse<String> scale = post(api, "/cluster/scale", admin, Map.of("action", "set", "node_count", 5, "node_type", "default"));
        assertThat(scale.statusCode()).as(scale.body()).isEqualTo(200);
        await("the pool follows the API's scale").atMost(Duration.ofSeconds(60)).until(() ->
                kubectl.run("-n", JUDGES, "get", "jnp", "default", "-o", "jsonpath={.status.replicas}").stdout().strip(), "5"::equals);
        await("the pool's HPA follows").atMost(Duration.ofSeconds(60)).until(() -> kubectl.run("-n", JUDGES, "get", "hpa",
                "kubejudge-pool-default", "-o", "jsonpath={.spec.minReplicas}").stdout().strip(), "5"::equals);
        HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(api.resolve("/cluster/status"))
                .header("Authorization", "Bearer " + user).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    }

    private void uninstall(Rendering rendering, Path release) throws IOException {
        long start = System.nanoTime();
        List<HasMetadata> hooks = rendering.hooks("pre-delete");
        assertThat(hooks).isNotEmpty();
        // Helm creates the hooks one weight after the other, waiting for each Job to complete.
        Map<Integer, List<HasMetadata>> byWeight = hooks.stream().collect(Collectors.groupingBy(
                h -> Integer.parseInt(h.getMetadata().getAnnotations().getOrDefault("helm.sh/hook-weight", "0").trim()),
                java.util.TreeMap::new, Collectors.toList()));
        List<Path> hookFiles = new ArrayList<>();
        for (var weight : byWeight.entrySet()) {
            Path file = writeManifests("pre-delete-" + weight.getKey() + ".yaml", weight.getValue());
            hookFiles.add(file);
            kubectl.run("apply", "-f", file.toString()).ok();
            for (HasMetadata h : weight.getValue()) {
                if (h.getKind().equals("Job")) {
                    Kubectl.Result done = kubectl.run(Duration.ofMinutes(4), "-n", NS, "wait", "--for=condition=Complete",
                            "job/" + h.getMetadata().getName(), "--timeout=200s");
                    if (done.exitCode() != 0) {
                        throw new AssertionError("the pre-delete Job did not complete:\n" + done + "\n"
                                + kubectl.run("-n", NS, "logs", "job/" + h.getMetadata().getName()).stdout() + podReport(NS));
                    }
                    String hookLog = client.pods().inNamespace(NS).withLabel("job-name", h.getMetadata().getName()).list().getItems()
                            .stream().map(p -> client.pods().inNamespace(NS).withName(p.getMetadata().getName()).getLog())
                            .collect(Collectors.joining("\n"));
                    log("pre-delete hook log:\n%s", hookLog.strip());
                    // It deleted the three finished submissions and the one still being judged, and the operator let them go.
                    assertThat(hookLog).contains("release-judges: deleted 4 JudgeSubmission(s)")
                            .contains("0 JudgeSubmission(s) left").contains("release-judges: done");
                }
            }
        }
        // hook-delete-policy hook-succeeded: Helm deletes the hooks once they succeeded.
        for (HasMetadata h : hooks) {
            assertThat(h.getMetadata().getAnnotations().get("helm.sh/hook-delete-policy")).contains("hook-succeeded");
        }
        java.util.Collections.reverse(hookFiles);
        for (Path file : hookFiles) {
            kubectl.run("delete", "--wait=true", "-f", file.toString()).ok();
        }
        kubectl.run(Duration.ofMinutes(3), "delete", "--wait=true", "--timeout=150s", "-f", release.toString()).ok();

        await("nothing of the release left").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(client.pods().inAnyNamespace().list().getItems()).as("pods left").isEmpty();
            assertThat(client.resources(io.kubejudge.model.v1alpha1.JudgeSubmission.class).inAnyNamespace().list().getItems())
                    .as("JudgeSubmissions left").isEmpty();
            // What the operator made carries no release label: its judgings' Jobs and source ConfigMaps, and each
            // pool's ResourceQuota, NetworkPolicy and HPA go with their owners (garbage collection).
            assertThat(client.batch().v1().jobs().inAnyNamespace().list().getItems()).as("Jobs left").isEmpty();
            assertThat(client.resourceQuotas().inAnyNamespace().list().getItems()).as("ResourceQuotas left").isEmpty();
            assertThat(client.network().v1().networkPolicies().inAnyNamespace().list().getItems()).as("NetworkPolicies left").isEmpty();
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().list().getItems()).as("HPAs left").isEmpty();
            assertThat(client.configMaps().inAnyNamespace().list().getItems())
                    .filteredOn(c -> c.getMetadata().getOwnerReferences() != null && c.getMetadata().getOwnerReferences().stream()
                            .anyMatch(o -> o.getKind().equals("JudgeSubmission")))
                    .as("source ConfigMaps of deleted submissions left").isEmpty();
            for (String kind : List.of("pods", "deployments", "replicasets", "statefulsets", "services", "secrets", "configmaps",
                    "serviceaccounts", "roles", "rolebindings", "clusterroles", "clusterrolebindings", "jobs",
                    "poddisruptionbudgets", "networkpolicies", "judgenodepools", "namespaces", "persistentvolumeclaims")) {
                assertThat(kubectl.run("get", kind, "-A", "-l", "app.kubernetes.io/instance=" + RELEASE, "-o", "name").ok().stdout().strip())
                        .as(kind + " labelled app.kubernetes.io/instance=" + RELEASE + " left").isEmpty();
            }
        });
        log("uninstall (hooks, then the release's objects) in %d ms", ms(start, System.nanoTime()));
    }

    private void assertRbacExactlyEnough(InJvmTestCluster cluster, RbacRules rbac) {
        List<String> failures = new ArrayList<>();
        for (String user : List.of(OPERATOR_SA, API_SA, UNINSTALL_SA)) {
            List<ApiRequest> requests = cluster.apiRequests().byUser(user);
            if (requests.isEmpty()) {
                failures.add(user + " made no request at all");
                continue;
            }
            RbacUsage.refused(rbac, user, requests).forEach(r -> failures.add(user + " refused (403): " + r));
            RbacUsage.unused(rbac, user, requests, EXCUSED.get(user)).forEach(r -> failures.add(user + " never used " + r));
            log("%s requests: %s", user, RbacUsage.summary(requests));
        }
        assertThat(failures).as("RBAC exactly enough").isEmpty();
    }

    private List<String> runningContainersOf(String clusterId) {
        String out = DockerTestImages.docker("ps", "--filter", "label=" + DockerNetwork.CLUSTER_LABEL + "=" + clusterId,
                "--format", "{{.Names}} ({{.Image}}, {{.Status}})");
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    private List<Pod> readyPods(String namespace, String component) {
        return client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/component", component).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null && p.getStatus().getConditions() != null
                        && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .toList();
    }

    private String podReport(String namespace) {
        StringBuilder b = new StringBuilder("pods in ").append(namespace).append(":\n");
        for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
            b.append(p.getMetadata().getName()).append(' ').append(p.getStatus() == null ? "" : p.getStatus().getPhase()).append('\n');
            try {
                String log = client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).getLog();
                b.append(log.length() > 3000 ? log.substring(log.length() - 3000) : log).append('\n');
            } catch (RuntimeException e) {
                b.append("(no log: ").append(e.getMessage()).append(")\n");
            }
        }
        return b.toString();
    }

    private JsonNode awaitFinal(URI api, String token, long id) {
        return await("submission " + id + " final").atMost(VERDICT).pollInterval(Duration.ofSeconds(1))
                .until(() -> getJson(api, token, id), s -> s.path("final").asBoolean());
    }

    private JsonNode getJson(URI api, String token, long id) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(api.resolve("/api/v1/judge/submissions/" + id))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(URI api, String path, String token, Object body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Path writeManifests(String name, List<HasMetadata> objects) throws IOException {
        KubernetesSerialization yaml = new KubernetesSerialization();
        Path file = work.resolve(name);
        Files.writeString(file, objects.stream().map(yaml::asYaml).collect(Collectors.joining("\n")));
        return file;
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static void log(String format, Object... args) {
        System.out.println("install-e2e: " + String.format(format, args));
    }
}
