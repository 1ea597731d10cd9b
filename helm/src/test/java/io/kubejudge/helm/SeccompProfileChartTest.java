package io.kubejudge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The judges' Localhost seccomp profile put on the judge nodes: by a DaemonSet, or by the Security Profiles Operator. */
class SeccompProfileChartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String profile() throws Exception {
        return Files.readString(Path.of("..", "judge-runner", "seccomp", "judge-runner.json"));
    }

    @Test
    void theChartsCopyIsTheRunnersProfile() throws Exception {
        assertThat(Files.readString(ValueSets.chart().dir().resolve("files/seccomp/judge-runner.json")))
                .as("helm/kubejudge/files/seccomp/judge-runner.json is a copy of judge-runner/seccomp/judge-runner.json: copy it again")
                .isEqualTo(profile());
    }

    @Test
    void theDaemonSetCopiesItToTheKubeletsDirectoryOnJudgeNodesAndRollsWhenItChanges() throws Exception {
        Rendering r = ValueSets.render("seccomp-daemonset-values.yaml");
        assertThat(r.one(ConfigMap.class, "kubejudge-seccomp-profile").getData().get("judge-runner.json")).isEqualTo(profile().stripTrailing());
        DaemonSet ds = r.one(DaemonSet.class, "kubejudge-seccomp-profile");
        PodSpec pod = ds.getSpec().getTemplate().getSpec();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(profile().getBytes()));
        assertThat(ds.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("kubejudge.io/seccomp-profile-checksum", sha);
        assertThat(pod.getNodeSelector()).containsEntry("kubejudge.io/judge", "true");
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("kubejudge.io/judge"));
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getHostPath()).isNotNull();
            assertThat(v.getHostPath().getPath()).as("only the profile's own directory of the host")
                    .isEqualTo("/var/lib/kubelet/seccomp/kubejudge");
        });
        assertThat(pod.getVolumes().stream().filter(v -> v.getHostPath() != null)).hasSize(1);
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("kubejudge/judge-runner:0.1.0");
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(c.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(c.getResources().getRequests()).isEqualTo(c.getResources().getLimits());
        assertThat(c.getArgs().get(0)).contains("mv -f /host/.judge-runner.json.new /host/judge-runner.json");

        assertThat(ValueSets.render(ValueSets.DEFAULTS).all(DaemonSet.class)).as("none by default").isEmpty();
    }

    @Test
    void withTheSecurityProfilesOperatorASeccompProfileCarriesTheSameRules() throws Exception {
        Rendering r = ValueSets.render("seccomp-spo-values.yaml");
        GenericKubernetesResource sp = (GenericKubernetesResource) r.objects().stream()
                .filter(o -> o.getKind().equals("SeccompProfile")).findFirst().orElseThrow();
        assertThat(sp.getMetadata().getNamespace()).isEqualTo("kubejudge-judges");
        JsonNode spec = JSON.valueToTree(sp.getAdditionalProperties().get("spec"));
        JsonNode original = JSON.readTree(profile());
        assertThat(spec.path("defaultAction")).isEqualTo(original.path("defaultAction"));
        assertThat(spec.path("architectures")).isEqualTo(original.path("architectures"));
        assertThat(spec.path("syscalls").size()).isEqualTo(original.path("syscalls").size());
        for (int i = 0; i < original.path("syscalls").size(); i++) {
            JsonNode rule = original.path("syscalls").get(i).deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) rule).remove("comment");
            assertThat(spec.path("syscalls").get(i)).as("rule " + i).isEqualTo(rule);
        }
        assertThat(r.all(DaemonSet.class)).isEmpty();
    }

    /**
     * The DaemonSet's script itself, run by /bin/sh with its two mounts as temporary directories (and a
     * 0.2 s period instead of a minute): it installs the profile, then replaces it when the ConfigMap's
     * copy changes, never leaving a partial file behind.
     */
    @Test
    void theDaemonSetsScriptInstallsTheProfileAndFollowsChanges() throws Exception {
        Rendering r = ValueSets.render("seccomp-daemonset-values.yaml");
        String script = r.one(DaemonSet.class, "kubejudge-seccomp-profile").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getArgs().get(0);
        Path profileDir = Files.createTempDirectory("profile");
        Path hostDir = Files.createTempDirectory("host");
        Files.writeString(profileDir.resolve("judge-runner.json"), profile());
        String local = script.replace("/profile/", profileDir + "/").replace("/host/", hostDir + "/").replace("sleep 60", "sleep 0.2");
        Path log = Files.createTempFile("seccomp-daemonset", ".log");
        Process p = new ProcessBuilder("/bin/sh", "-c", local).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path installed = hostDir.resolve("judge-runner.json");
            awaitContent(installed, profile());
            String changed = profile().replace("\"defaultAction\"", "\"defaultAction\" ");
            Files.writeString(profileDir.resolve("judge-runner.json.tmp"), changed);
            Files.move(profileDir.resolve("judge-runner.json.tmp"), profileDir.resolve("judge-runner.json"),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            awaitContent(installed, changed);
            try (var files = Files.list(hostDir)) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly("judge-runner.json");
            }
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(installed))).isEqualTo("rw-r--r--");
            assertThat(p.isAlive()).as("it keeps watching").isTrue();
        } finally {
            p.destroy();
            assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("stops on TERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("installed judge-runner.json (");
    }

    private static void awaitContent(Path file, String expected) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(file) && Files.readString(file).equals(expected))) {
            assertThat(System.nanoTime()).as("%s never had the expected content", file).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
