package io.kubejudge.testcluster.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The translation of a pod's container into {@code docker create} arguments, without an engine. */
class DockerContainerArgsTest {

    @TempDir
    Path dir;

    @Test
    void securityContextResourcesAndVolumesBecomeDockerOptions() throws Exception {
        Path seccompRoot = Files.createDirectories(dir.resolve("seccomp"));
        Files.writeString(seccompRoot.resolve("judge.json"), "{}");
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u-1").endMetadata()
                .withNewSpec()
                .withNewSecurityContext().withRunAsGroup(7L).withSupplementalGroups(8L, 9L)
                .withNewSeccompProfile().withType("Localhost").withLocalhostProfile("judge.json").endSeccompProfile()
                .endSecurityContext()
                .addNewContainer().withName("c").withImage("img")
                .withCommand("/bin/run").withArgs("--flag")
                .withNewSecurityContext().withNewCapabilities().addToDrop("ALL").addToAdd("NET_BIND_SERVICE").endCapabilities()
                .endSecurityContext()
                .withNewResources().addToLimits("memory", new Quantity("1Gi")).addToLimits("cpu", new Quantity("1500m")).endResources()
                .addNewVolumeMount().withName("shm").withMountPath("/dev/shm").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("shm").withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("8Mi")).endEmptyDir()
                .endVolume()
                .endSpec().build();
        KubeletSettings settings = KubeletSettings.defaults(dir).withSeccompRoot(seccompRoot).withPodPidsLimit(100);
        Container c = pod.getSpec().getContainers().get(0);
        List<String> args = DockerContainerArgs.create(pod, c, "name", "sandbox", List.of(), Map.of(), Optional.empty(),
                Map.of("A", "1", "PEM", "line1\nline2"), c.getCommand(), c.getArgs(), new DockerImages.Image("app"), settings,
                dir.resolve("env"), dir.resolve("termination")).args();
        String joined = String.join(" ", args);

        // A group without a user keeps the image's user; supplementary groups are added.
        assertThat(joined).contains("--user app:7", "--group-add 8", "--group-add 9");
        assertThat(joined).contains("--cap-drop ALL", "--cap-add NET_BIND_SERVICE",
                "--security-opt seccomp=" + seccompRoot.resolve("judge.json"));
        assertThat(joined).doesNotContain("--read-only", "no-new-privileges", "--privileged");
        assertThat(joined).contains("--memory 1073741824 --memory-swap 1073741824", "--cpus 1.5", "--pids-limit 100");
        assertThat(joined).contains("--tmpfs /dev/shm:rw,mode=1777,size=8388608");
        assertThat(joined).contains("--network container:sandbox", "--ipc container:sandbox");
        assertThat(joined).endsWith("--entrypoint /bin/run img --flag");
        // Multi-line values go through the docker command's environment, the rest through a private file.
        assertThat(joined).contains("--env PEM");
        assertThat(Files.readString(dir.resolve("env"))).isEqualTo("A=1\n");
    }

    @Test
    void noSeccompProfileIsUnconfinedAsWithTheKubeletsDefaults() throws Exception {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("img").withArgs("x").endContainer().endSpec().build();
        Container c = pod.getSpec().getContainers().get(0);
        List<String> args = DockerContainerArgs.create(pod, c, "n", "s", List.of(), Map.of(), Optional.empty(), Map.of(),
                List.of(), c.getArgs(), new DockerImages.Image(""), KubeletSettings.defaults(dir), dir.resolve("env"),
                dir.resolve("t")).args();
        assertThat(String.join(" ", args)).contains("--security-opt seccomp=unconfined").doesNotContain("--user", "--entrypoint")
                .endsWith("img x");
    }

    @Test
    void aMissingLocalhostProfileFailsTheContainersCreationAsContainerdDoes() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u").endMetadata()
                .withNewSpec().withNewSecurityContext().withNewSeccompProfile().withType("Localhost").withLocalhostProfile("none.json")
                .endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("c").withImage("img").endContainer().endSpec().build();
        Container c = pod.getSpec().getContainers().get(0);
        assertThatThrownBy(() -> DockerContainerArgs.create(pod, c, "n", "s", List.of(), Map.of(), Optional.empty(), Map.of(),
                List.of(), List.of(), new DockerImages.Image(""), KubeletSettings.defaults(dir), dir.resolve("env"), dir.resolve("t")))
                .isInstanceOf(ContainerCreateException.class).hasMessageContaining("cannot load seccomp profile")
                .hasMessageContaining(dir.resolve(".seccomp").resolve("none.json").toString());
    }

    @Test
    void runAsNonRootFollowsTheKubeletsRules() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u").endMetadata()
                .withNewSpec().withNewSecurityContext().withRunAsNonRoot(true).endSecurityContext()
                .addNewContainer().withName("c").withImage("img").endContainer().endSpec().build();
        Container c = pod.getSpec().getContainers().get(0);
        assertThat(DockerContainerArgs.runAsNonRootViolation(pod, c, new DockerImages.Image(""))).get().asString()
                .contains("image will run as root");
        assertThat(DockerContainerArgs.runAsNonRootViolation(pod, c, new DockerImages.Image("redis"))).get().asString()
                .contains("non-numeric user (redis)");
        assertThat(DockerContainerArgs.runAsNonRootViolation(pod, c, new DockerImages.Image("65534:65534"))).isEmpty();
        pod.getSpec().getSecurityContext().setRunAsUser(0L);
        assertThat(DockerContainerArgs.runAsNonRootViolation(pod, c, new DockerImages.Image("65534"))).get().asString()
                .contains("runAsUser breaks non-root policy");
    }
}
