package io.kubejudge.testcluster.docker;

import static io.kubejudge.testcluster.docker.DockerTestImages.docker;
import static io.kubejudge.testcluster.docker.DockerTestImages.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.testcluster.InJvmTestCluster;
import io.kubejudge.testcluster.controller.DeploymentController;
import io.kubejudge.testcluster.kubelet.DockerNetwork;
import io.kubejudge.testsupport.RetryOnConflict;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deployments in the test cluster's Docker mode: the workload controllers make the pods, the
 * kubelet runs them as Docker containers with their security context, Services resolve, and pods
 * reach the API server with their ServiceAccount token.
 */
class DockerWorkloadsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String tools;
    private static InJvmTestCluster cluster;
    private static KubernetesClient client;
    private static String ns;

    @BeforeAll
    static void start() {
        tools = DockerTestImages.image("tools");
        cluster = InJvmTestCluster.start(InJvmTestCluster.Options.defaults().withDockerPods(true));
        client = cluster.client();
        ns = cluster.namespace();
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("web-secret").endMetadata()
                .addToStringData("greeting", "hello from a secret").build()).create();
    }

    @AfterAll
    static void stop() {
        String clusterId = cluster.podNetwork().orElseThrow().clusterId();
        cluster.close();
        // Nothing of the cluster is left in the engine.
        assertThat(docker("ps", "-aq", "--filter", "label=" + DockerNetwork.CLUSTER_LABEL + "=" + clusterId)).isEmpty();
        assertThat(docker("network", "ls", "-q", "--filter", "label=" + DockerNetwork.CLUSTER_LABEL + "=" + clusterId)).isEmpty();
    }

    @Test
    void aDeploymentOfTwoBecomesTwoReadyHardenedContainers() throws Exception {
        createService("web", "web");
        createDeployment("web", 2, hardenedWebServer());

        Deployment d = awaitAvailable("web", 2);
        assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
        assertThat(d.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Progressing");
            assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable");
        });
        List<ReplicaSet> sets = client.apps().replicaSets().inNamespace(ns).withLabel("app", "web").list().getItems();
        assertThat(sets).hasSize(1);
        ReplicaSet rs = sets.get(0);
        String hash = rs.getMetadata().getLabels().get(DeploymentController.POD_TEMPLATE_HASH);
        assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
        assertThat(rs.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(d.getMetadata().getUid()));
        List<Pod> pods = readyPods("web");
        assertThat(pods).hasSize(2).allSatisfy(p -> {
            assertThat(p.getMetadata().getName()).startsWith(rs.getMetadata().getName() + "-");
            assertThat(p.getMetadata().getLabels()).containsEntry(DeploymentController.POD_TEMPLATE_HASH, hash);
            assertThat(p.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getUid()).isEqualTo(rs.getMetadata().getUid()));
        });

        Pod pod = pods.get(0);
        String id = containerId(pod);
        assertThat(exec(id, "id -u; id -g").output()).isEqualTo("1234\n1234");
        assertThat(exec(id, "id -G").output().split(" ")).contains("2345");
        DockerTestImages.Exec write = exec(id, "touch /written");
        assertThat(write.exitCode()).isNotZero();
        assertThat(write.output()).contains("Read-only file system");
        assertThat(exec(id, "touch /tmp/scratch && echo ok").output()).isEqualTo("ok");
        // A Secret volume: its items, read-only, readable through the fsGroup.
        assertThat(exec(id, "cat /etc/web/greeting.txt").output()).isEqualTo("hello from a secret");
        assertThat(exec(id, "touch /etc/web/other").exitCode()).isNotZero();
        String procStatus = exec(id, "cat /proc/self/status").output();
        assertThat(procStatus).containsPattern("CapEff:\\s+0000000000000000").containsPattern("NoNewPrivs:\\s+1")
                .containsPattern("Seccomp:\\s+2");
        assertThat(exec(id, "cat /var/run/secrets/kubernetes.io/serviceaccount/token").output())
                .isEqualTo("kubejudge-test:" + ns + ":web-sa");
        assertThat(exec(id, "cat /var/run/secrets/kubernetes.io/serviceaccount/namespace").output()).isEqualTo(ns);
        assertThat(exec(id, "head -1 /var/run/secrets/kubernetes.io/serviceaccount/ca.crt").output())
                .isEqualTo("-----BEGIN CERTIFICATE-----");
        assertThat(exec(id, "echo \"$GREETING|$POD_NAME|$POD_NAMESPACE|$POD_IP\"").output())
                .isEqualTo("hello from a secret|" + pod.getMetadata().getName() + "|" + ns + "|" + pod.getStatus().getPodIP());
        assertThat(exec(id, "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes").output())
                .isEqualTo(Long.toString(64L * 1024 * 1024));
        assertThat(exec(id, "cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max").output()).isEqualTo("4096");

        // The test reaches a pod at its IP, as the kubelet's probes do.
        HttpResponse<String> page = get("http://" + pod.getStatus().getPodIP() + ":8080/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("ok\n");
        // The container's own output is the pod's log.
        assertThat(client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).getLog()).contains("starting web server");
    }

    @Test
    void aServiceNameResolvesToItsPodsFromAnotherPod() {
        createService("echo", "echo");
        createDeployment("echo", 1, hardenedWebServer());
        awaitAvailable("echo", 1);
        createDeployment("caller", 1, hardenedWebServer());
        awaitAvailable("caller", 1);
        Pod echo = readyPods("echo").get(0);
        String caller = containerId(readyPods("caller").get(0));
        // The kubelet's Service link variables, pointing at the Service's pod here (no Service IPs).
        String links = exec(caller, "env | grep '^ECHO_' | sort").output();
        assertThat(links).contains("ECHO_SERVICE_HOST=" + echo.getStatus().getPodIP(), "ECHO_SERVICE_PORT=8080",
                "ECHO_SERVICE_PORT_HTTP=8080", "ECHO_PORT=tcp://" + echo.getStatus().getPodIP() + ":8080",
                "ECHO_PORT_8080_TCP_PORT=8080");
        for (String name : List.of("echo", "echo." + ns + ".svc", "echo." + ns + ".svc.cluster.local")) {
            assertThat(exec(caller, "busybox wget -q -O - http://" + name + ":8080/index.html").output()).as(name).isEqualTo("ok");
            assertThat(exec(caller, "getent hosts " + name).output()).as(name).startsWith(echo.getStatus().getPodIP() + " ");
        }
    }

    @Test
    void aServiceMadeAfterItsPodsFindsThemToo() {
        createDeployment("late", 1, hardenedWebServer());
        createDeployment("early-caller", 1, hardenedWebServer());
        awaitAvailable("late", 1);
        awaitAvailable("early-caller", 1);
        String caller = containerId(readyPods("early-caller").get(0));
        assertThat(exec(caller, "getent hosts late").exitCode()).isNotZero();
        createService("late", "late");
        String ip = readyPods("late").get(0).getStatus().getPodIP();
        await().atMost(WAIT).untilAsserted(() -> assertThat(exec(caller, "getent hosts late").output()).startsWith(ip + " "));
        assertThat(exec(caller, "busybox wget -q -O - http://late:8080/index.html").output()).isEqualTo("ok");
    }

    @Test
    void aPodReachesTheApiServerWithItsServiceAccountToken() {
        createDeployment("lister", 1, hardenedWebServer());
        awaitAvailable("lister", 1);
        Pod pod = readyPods("lister").get(0);
        DockerTestImages.Exec listed = exec(containerId(pod), "busybox wget -q -O - "
                + "--header \"Authorization: Bearer $(cat /var/run/secrets/kubernetes.io/serviceaccount/token)\" "
                + "\"$KUBERNETES_MASTER/api/v1/namespaces/" + ns + "/pods\"");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("\"items\"").contains("\"name\":\"" + pod.getMetadata().getName() + "\"");
        assertThat(exec(containerId(pod), "echo $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT").output())
                .isEqualTo(URI.create(cluster.apiServerUrl()).getHost() + ":" + URI.create(cluster.apiServerUrl()).getPort());
    }

    @Test
    void scalingDownRemovesAContainer() {
        createDeployment("scaled", 2, hardenedWebServer());
        awaitAvailable("scaled", 2);
        List<Pod> before = readyPods("scaled");
        RetryOnConflict.edit(client.apps().deployments().inNamespace(ns).withName("scaled"), d -> {
            d.getSpec().setReplicas(1);
            return d;
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.pods().inNamespace(ns).withLabel("app", "scaled").list().getItems()).hasSize(1);
            Deployment d = client.apps().deployments().inNamespace(ns).withName("scaled").get();
            assertThat(d.getStatus().getReplicas()).isEqualTo(1);
            assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(1);
        });
        String gone = before.stream().map(p -> p.getMetadata().getName())
                .filter(n -> client.pods().inNamespace(ns).withName(n).get() == null).findFirst().orElseThrow();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(docker("ps", "-aq", "--filter", "label=io.kubejudge.testcluster.pod=" + ns + "/" + gone)).isEmpty());
        String kept = readyPods("scaled").get(0).getMetadata().getName();
        assertThat(docker("ps", "-q", "--filter", "label=io.kubejudge.testcluster.pod=" + ns + "/" + kept)).isNotEmpty();

        // Deleting the Deployment takes its ReplicaSet, pods and containers with it (garbage collection).
        client.apps().deployments().inNamespace(ns).withName("scaled").delete();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.apps().replicaSets().inNamespace(ns).withLabel("app", "scaled").list().getItems()).isEmpty();
            assertThat(client.pods().inNamespace(ns).withLabel("app", "scaled").list().getItems()).isEmpty();
            assertThat(docker("ps", "-aq", "--filter", "label=io.kubejudge.testcluster.pod=" + ns + "/" + kept)).isEmpty();
        });
    }

    @Test
    void judgeRunnerPodsStayHostProcesses() {
        // Even when the engine has the image: the judge-runner runs as the real runner CLI on the host.
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("judge").endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("kubejudge/judge-runner:0.1.0")
                .withCommand("sh", "-c", "echo judged").endContainer().endSpec().build()).create();
        await().atMost(WAIT).until(() -> "Succeeded".equals(phase("judge")));
        Pod pod = client.pods().inNamespace(ns).withName("judge").get();
        assertThat(pod.getStatus().getPodIP()).isEqualTo("127.0.0.1");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getContainerID()).doesNotStartWith("docker://");
        assertThat(docker("ps", "-aq", "--filter", "label=io.kubejudge.testcluster.pod=" + ns + "/judge")).isEmpty();
    }

    @Test
    void runAsNonRootRefusesAnImageThatRunsAsRoot() {
        PodSpec spec = new PodSpecBuilder().withNewSecurityContext().withRunAsNonRoot(true).endSecurityContext()
                .addToContainers(new ContainerBuilder().withName("main").withImage(tools)
                        .withCommand("sleep", "infinity").build())
                .build();
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("root-image").endMetadata()
                .withSpec(spec).build()).create();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Pod pod = client.pods().inNamespace(ns).withName("root-image").get();
            ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
            assertThat(status.getState().getWaiting().getReason()).isEqualTo("CreateContainerConfigError");
            assertThat(status.getState().getWaiting().getMessage()).contains("container has runAsNonRoot and image will run as root");
            assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        });
        assertThat(docker("ps", "-q", "--filter", "label=io.kubejudge.testcluster.container=main",
                "--filter", "label=io.kubejudge.testcluster.pod=" + ns + "/root-image")).isEmpty();
    }

    @Test
    void aNewPodTemplateRollsOutThroughANewReplicaSet() {
        createDeployment("rolled", 1, hardenedWebServer());
        awaitAvailable("rolled", 1);
        String oldPod = readyPods("rolled").get(0).getMetadata().getName();
        RetryOnConflict.edit(client.apps().deployments().inNamespace(ns).withName("rolled"), d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                    .add(new io.fabric8.kubernetes.api.model.EnvVar("VERSION", "2", null));
            return d;
        });
        await().atMost(WAIT).untilAsserted(() -> {
            List<ReplicaSet> sets = client.apps().replicaSets().inNamespace(ns).withLabel("app", "rolled").list().getItems();
            assertThat(sets).hasSize(2);
            ReplicaSet current = sets.stream()
                    .filter(rs -> "2".equals(rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision")))
                    .findFirst().orElseThrow();
            assertThat(current.getStatus().getAvailableReplicas()).isEqualTo(1);
            ReplicaSet old = sets.stream().filter(rs -> rs != current).findFirst().orElseThrow();
            assertThat(old.getSpec().getReplicas()).isZero();
            assertThat(client.pods().inNamespace(ns).withName(oldPod).get()).isNull();
            Deployment d = client.apps().deployments().inNamespace(ns).withName("rolled").get();
            assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
            assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(1);
            assertThat(d.getStatus().getReplicas()).isEqualTo(1);
        });
        assertThat(exec(containerId(readyPods("rolled").get(0)), "echo $VERSION").output()).isEqualTo("2");
    }

    @Test
    void containersThatEndOrFailTheirLivenessProbeAreRestartedWithBackOff() {
        PodSpec exits = new PodSpecBuilder().withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("main").withImage(tools).withCommand("sh", "-c", "echo run; exit 3").endContainer()
                .build();
        PodSpec unhealthy = new PodSpecBuilder().withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("main").withImage(tools).withCommand("sleep", "infinity")
                .withNewLivenessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString(9999)).endHttpGet()
                .withPeriodSeconds(1).withFailureThreshold(2).endLivenessProbe()
                .endContainer()
                .build();
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("exits").endMetadata()
                .withSpec(exits).build()).create();
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("unhealthy").endMetadata()
                .withSpec(unhealthy).build()).create();
        // The first restart is at once; the second waits for the back-off (10 s).
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            ContainerStatus status = client.pods().inNamespace(ns).withName("exits").get().getStatus().getContainerStatuses().get(0);
            assertThat(status.getRestartCount()).isEqualTo(1);
            assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
            assertThat(status.getState().getWaiting().getMessage()).startsWith("back-off 10s restarting failed container=main pod=exits_");
            assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(3);
            assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
        });
        assertThat(client.pods().inNamespace(ns).withName("exits").get().getStatus().getPhase()).isEqualTo("Running");
        assertThat(client.pods().inNamespace(ns).withName("exits").getLog()).contains("run");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            ContainerStatus status = client.pods().inNamespace(ns).withName("unhealthy").get().getStatus().getContainerStatuses().get(0);
            assertThat(status.getRestartCount()).isGreaterThanOrEqualTo(1);
            assertThat(status.getLastState().getTerminated()).isNotNull();
        });
    }

    @Test
    void aPodKeptByAFinalizerIsStoppedAndReportedFailedThenGoes() {
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("kept")
                .addToFinalizers("example.com/keep").endMetadata()
                .withSpec(new PodSpecBuilder().withTerminationGracePeriodSeconds(1L)
                        .addNewContainer().withName("main").withImage(tools).withCommand("sleep", "infinity").endContainer()
                        .build()).build()).create();
        await().atMost(WAIT).until(() -> "Running".equals(phase("kept")));
        client.pods().inNamespace(ns).withName("kept").delete();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(phase("kept")).isEqualTo("Failed");
            Pod pod = client.pods().inNamespace(ns).withName("kept").get();
            assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(137);
            assertThat(docker("ps", "-aq", "--filter", "label=io.kubejudge.testcluster.pod=" + ns + "/kept")).isEmpty();
        });
        RetryOnConflict.edit(client.pods().inNamespace(ns).withName("kept"), p -> {
            p.getMetadata().setFinalizers(List.of());
            return p;
        });
        await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName("kept").get() == null);
    }

    @Test
    void aMissingLocalhostSeccompProfileKeepsThePodWaitingWithCreateContainerErrorUntilItIsOnTheNode() throws Exception {
        String profile = "kubejudge-test/" + ns + "/late.json";
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("no-profile").endMetadata()
                .withSpec(new PodSpecBuilder().withTerminationGracePeriodSeconds(1L)
                        .withNewSecurityContext().withNewSeccompProfile().withType("Localhost").withLocalhostProfile(profile)
                        .endSeccompProfile().endSecurityContext()
                        .addNewContainer().withName("main").withImage(tools).withCommand("sleep", "infinity").endContainer()
                        .build()).build()).create();
        // As a real kubelet reports containerd's failure: what the operator reads as a node without the
        // judges' profile (JudgingObserver: the pool turns Degraded with SeccompProfileMissing).
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Pod pod = client.pods().inNamespace(ns).withName("no-profile").get();
            assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
            ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
            assertThat(status.getState().getWaiting().getReason()).isEqualTo("CreateContainerError");
            assertThat(status.getState().getWaiting().getMessage()).contains("cannot load seccomp profile").contains(profile);
        });
        // The profile put on the node (the chart's DaemonSet does that): a later attempt creates the container.
        java.nio.file.Path file = cluster.kubelet().settings().seccompRoot().resolve(profile);
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}");
        await().atMost(WAIT).until(() -> "Running".equals(phase("no-profile")));
        String id = containerId(client.pods().inNamespace(ns).withName("no-profile").get());
        assertThat(exec(id, "cat /proc/self/status").output()).containsPattern("Seccomp:\\s+2");
        client.pods().inNamespace(ns).withName("no-profile").delete();
    }

    // ---- objects ----

    /** busybox httpd as the chart runs KubeJudge's own servers: non-root, read-only root, no capabilities. */
    private static PodSpec hardenedWebServer() {
        return new PodSpecBuilder()
                .withServiceAccountName("web-sa")
                .withTerminationGracePeriodSeconds(1L)
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(1234L).withRunAsGroup(1234L).withFsGroup(2345L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName("web")
                .withImage(tools)
                .withCommand("sh", "-c", "echo starting web server; exec busybox httpd -f -p $(PORT) -h /srv/www")
                .addNewEnv().withName("PORT").withValue("8080").endEnv()
                .addNewEnv().withName("GREETING").withNewValueFrom().withNewSecretKeyRef("greeting", "web-secret", false)
                .endValueFrom().endEnv()
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef()
                .endValueFrom().endEnv()
                .addNewEnv().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP").endFieldRef()
                .endValueFrom().endEnv()
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/index.html").withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(1).endReadinessProbe()
                .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString(8080)).endTcpSocket()
                .withPeriodSeconds(2).endLivenessProbe()
                .withNewResources().addToLimits("memory", new Quantity("64Mi")).addToLimits("cpu", new Quantity("500m")).endResources()
                .withNewSecurityContext()
                .withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
                .withNewCapabilities().addToDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .addNewVolumeMount().withName("config").withMountPath("/etc/web").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("config").withNewSecret().withSecretName("web-secret").withDefaultMode(0440)
                .addNewItem().withKey("greeting").withPath("greeting.txt").endItem().endSecret().endVolume()
                .build();
    }

    private static void createDeployment(String name, int replicas, PodSpec spec) {
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).addToLabels("app", name).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withSpec(spec).endTemplate()
                .endSpec()
                .build()).create();
    }

    private static void createService(String name, String app) {
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addToSelector("app", app)
                .addNewPort().withName("http").withPort(8080).withTargetPort(new IntOrString(8080)).endPort()
                .endSpec().build()).create();
    }

    private static Deployment awaitAvailable(String name, int replicas) {
        return await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(ns).withName(name).get(), d ->
                d.getStatus() != null && Integer.valueOf(replicas).equals(d.getStatus().getAvailableReplicas())
                        && Integer.valueOf(replicas).equals(d.getStatus().getReadyReplicas())
                        && d.getStatus().getConditions().stream()
                        .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus())));
    }

    private static String phase(String pod) {
        Pod p = client.pods().inNamespace(ns).withName(pod).get();
        return p == null || p.getStatus() == null ? null : p.getStatus().getPhase();
    }

    private static List<Pod> readyPods(String app) {
        return client.pods().inNamespace(ns).withLabel("app", app).list().getItems().stream()
                .filter(p -> p.getStatus() != null && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .toList();
    }

    static String containerId(Pod pod) {
        String id = pod.getStatus().getContainerStatuses().get(0).getContainerID();
        assertThat(id).startsWith("docker://");
        return id.substring("docker://".length());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
