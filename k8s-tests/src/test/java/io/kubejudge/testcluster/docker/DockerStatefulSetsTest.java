package io.kubejudge.testcluster.docker;

import static io.kubejudge.testcluster.docker.DockerTestImages.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.testcluster.InJvmTestCluster;
import io.kubejudge.testcluster.controller.StatefulSetController;
import io.kubejudge.testsupport.RetryOnConflict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * StatefulSets in the test cluster's Docker mode: ordered pods with stable names and claims whose
 * data outlives the pods, and the bundled Redis as the Helm chart runs it (Debian's redis-server as
 * user 999 on a read-only root, password from a Secret, data on the claim).
 */
class DockerStatefulSetsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String REDIS_PASSWORD = "s3cret-redis-password";

    private static InJvmTestCluster cluster;
    private static KubernetesClient client;
    private static String ns;
    private static String tools;
    private static String redis;

    @BeforeAll
    static void start() {
        tools = DockerTestImages.image("tools");
        redis = DockerTestImages.image("redis");
        cluster = InJvmTestCluster.start(InJvmTestCluster.Options.defaults().withDockerPods(true));
        client = cluster.client();
        ns = cluster.namespace();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void podsComeInOrderAndKeepTheirClaimsData() {
        headlessService("store", Map.of("app", "store"), 8080);
        client.apps().statefulSets().inNamespace(ns).resource(statefulSet("store", 2, Map.of("app", "store"), sleeper())).create();

        await().atMost(WAIT).until(() -> readyReplicas("store") == 2);
        Pod first = pod("store-0");
        Pod second = pod("store-1");
        Instant firstReady = Instant.parse(readySince(first));
        assertThat(Instant.parse(second.getMetadata().getCreationTimestamp())).isAfterOrEqualTo(firstReady);
        assertThat(second.getMetadata().getLabels()).containsEntry(StatefulSetController.POD_NAME_LABEL, "store-1")
                .containsEntry(StatefulSetController.POD_INDEX_LABEL, "1");
        for (String claim : List.of("data-store-0", "data-store-1")) {
            PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns).withName(claim).get();
            assertThat(pvc.getStatus().getPhase()).as(claim).isEqualTo("Bound");
            assertThat(pvc.getStatus().getCapacity()).containsEntry("storage", new Quantity("16Mi"));
        }
        // Stable names: the pod's hostname, and <pod>.<service> from its sibling.
        assertThat(exec(id(first), "hostname").output()).isEqualTo("store-0");
        assertThat(exec(id(second), "getent hosts store-0.store").output()).startsWith(first.getStatus().getPodIP() + " ");

        assertThat(exec(id(first), "echo kept > /data/file && id -u").output()).isEqualTo("1000");
        client.pods().inNamespace(ns).withName("store-0").delete();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Pod again = pod("store-0");
            assertThat(again).isNotNull();
            assertThat(again.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
            assertThat(isReady(again)).isTrue();
        });
        assertThat(exec(id(pod("store-0")), "cat /data/file").output()).isEqualTo("kept");

        // Scaling down removes the highest ordinal; its claim stays (retention policy Retain).
        RetryOnConflict.edit(client.apps().statefulSets().inNamespace(ns).withName("store"), s -> {
            s.getSpec().setReplicas(1);
            return s;
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(pod("store-1")).isNull();
            assertThat(client.apps().statefulSets().inNamespace(ns).withName("store").get().getStatus().getReplicas()).isEqualTo(1);
        });
        assertThat(pod("store-0")).isNotNull();
        assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("data-store-1").get()).isNotNull();
        // Deleting the set (retention Retain by default) deletes its pods, not its claims.
        client.apps().statefulSets().inNamespace(ns).withName("store").delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(pod("store-0")).isNull());
        assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("data-store-0").get()).isNotNull();
    }

    @Test
    void theChartsRedisAnswersWithItsPasswordAndKeepsItsDataAcrossRestarts() throws Exception {
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "kubejudge", "app.kubernetes.io/component", "redis");
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("kubejudge-redis").endMetadata()
                .addToStringData("redis-password", REDIS_PASSWORD).build()).create();
        headlessService("kubejudge-redis", labels, 6379);
        StatefulSet set = statefulSet("kubejudge-redis", 1, labels, redisAsTheChartRunsIt());
        // As the chart sets it: `helm uninstall` takes the volume along (unless retainOnUninstall).
        set.getSpec().setPersistentVolumeClaimRetentionPolicy(
                new io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy("Delete", "Retain"));
        client.apps().statefulSets().inNamespace(ns).resource(set).create();
        await().atMost(WAIT).until(() -> readyReplicas("kubejudge-redis") == 1);
        Pod pod = pod("kubejudge-redis-0");
        String ip = pod.getStatus().getPodIP();

        assertThat(redis(ip, "AUTH wrong-password").get(0)).startsWith("-WRONGPASS");
        assertThat(redis(ip, "AUTH " + REDIS_PASSWORD, "PING")).containsExactly("+OK", "+PONG");
        assertThat(redis(ip, "AUTH " + REDIS_PASSWORD, "SET judged 42")).containsExactly("+OK", "+OK");
        assertThat(exec(id(pod), "id -u; ls -ld /data | cut -d' ' -f1").output()).startsWith("999\n");

        // From another pod, by the Service's short name.
        createCaller();
        await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName("redis-caller").get().getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        String fromPod = exec(id(pod("redis-caller")),
                "printf 'AUTH " + REDIS_PASSWORD + "\\r\\nPING\\r\\n' | busybox nc -w 2 kubejudge-redis 6379").output();
        assertThat(fromPod).contains("+PONG");

        // Redis saves on SIGTERM; the claim carries the data to the next pod.
        client.pods().inNamespace(ns).withName("kubejudge-redis-0").delete();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            Pod again = pod("kubejudge-redis-0");
            assertThat(again).isNotNull();
            assertThat(again.getMetadata().getUid()).isNotEqualTo(pod.getMetadata().getUid());
            assertThat(isReady(again)).isTrue();
        });
        assertThat(redis(pod("kubejudge-redis-0").getStatus().getPodIP(), "AUTH " + REDIS_PASSWORD, "GET judged"))
                .containsExactly("+OK", "$2", "42");

        // Deleting the set deletes its pod and, with whenDeleted: Delete, its claim.
        client.apps().statefulSets().inNamespace(ns).withName("kubejudge-redis").delete();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(pod("kubejudge-redis-0")).isNull();
            assertThat(client.persistentVolumeClaims().inNamespace(ns).withName("data-kubejudge-redis-0").get()).isNull();
        });
    }

    // ---- objects ----

    private static PodSpec sleeper() {
        return new PodSpecBuilder()
                .withTerminationGracePeriodSeconds(1L)
                .withNewSecurityContext().withRunAsUser(1000L).withRunAsGroup(1000L).withFsGroup(1000L).withRunAsNonRoot(true)
                .endSecurityContext()
                .addNewContainer().withName("main").withImage(tools).withCommand("sleep", "infinity")
                .withNewSecurityContext().withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
                .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .endContainer()
                .build();
    }

    /** The container of the chart's Redis StatefulSet (templates/redis-statefulset.yaml), image overridden. */
    private static PodSpec redisAsTheChartRunsIt() {
        return new PodSpecBuilder()
                .withServiceAccountName("kubejudge-redis")
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withRunAsUser(999L).withRunAsGroup(999L).withFsGroup(999L).withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewContainer().withName("redis").withImage(redis)
                .withCommand("redis-server")
                .withArgs("--requirepass", "$(REDIS_PASSWORD)", "--dir", "/data")
                .addNewEnv().withName("REDIS_PASSWORD").withNewValueFrom()
                .withNewSecretKeyRef("redis-password", "kubejudge-redis", false).endValueFrom().endEnv()
                .addNewPort().withName("redis").withContainerPort(6379).endPort()
                .withNewStartupProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                .withPeriodSeconds(1).withFailureThreshold(60).endStartupProbe()
                .withNewReadinessProbe().withNewExec()
                .withCommand("sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG").endExec()
                .withPeriodSeconds(1).endReadinessProbe()
                .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                .withPeriodSeconds(5).endLivenessProbe()
                .withNewResources().addToLimits("memory", new Quantity("128Mi")).endResources()
                .withNewSecurityContext().withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
                .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("16Mi")).endEmptyDir().endVolume()
                .build();
    }

    private static StatefulSet statefulSet(String name, int replicas, Map<String, String> labels, PodSpec spec) {
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder().withNewMetadata().withName("data").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("16Mi")).endResources().endSpec().build();
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(name)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).endTemplate()
                .withVolumeClaimTemplates(claim)
                .endSpec()
                .build();
    }

    private static void headlessService(String name, Map<String, String> selector, int port) {
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withClusterIP("None").withSelector(selector)
                .addNewPort().withPort(port).withTargetPort(new IntOrString(port)).endPort()
                .endSpec().build()).create();
    }

    private static void createCaller() {
        client.pods().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("redis-caller").endMetadata()
                .withSpec(new PodSpecBuilder(sleeper()).withVolumes().editFirstContainer().withVolumeMounts().endContainer().build())
                .build()).create();
    }

    /** Inline Redis commands over a socket from the test: each reply line. */
    private static List<String> redis(String ip, String... commands) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, 6379), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> replies = new ArrayList<>();
            for (String command : commands) {
                out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String line = in.readLine();
                replies.add(line);
                if (line.startsWith("$") && !line.equals("$-1")) {
                    replies.add(in.readLine());
                }
            }
            return replies;
        }
    }

    private static int readyReplicas(String name) {
        StatefulSet set = client.apps().statefulSets().inNamespace(ns).withName(name).get();
        return set.getStatus() == null || set.getStatus().getReadyReplicas() == null ? 0 : set.getStatus().getReadyReplicas();
    }

    private static Pod pod(String name) {
        return client.pods().inNamespace(ns).withName(name).get();
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String readySince(Pod pod) {
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow()
                .getLastTransitionTime();
    }

    private static String id(Pod pod) {
        return DockerWorkloadsTest.containerId(pod);
    }
}
