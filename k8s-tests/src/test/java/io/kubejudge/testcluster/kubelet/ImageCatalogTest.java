package io.kubejudge.testcluster.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageCatalogTest {

    private final ImageCatalog images = new ImageCatalog()
            .register(new ImageCatalog.KnownImage("judge-runner", "kubejudge-runner", () -> List.of("java", "-jar", "runner.jar"),
                    () -> java.util.Map.of("KUBEJUDGE_LAUNCHER", "/image/kj-launcher")));

    @Test
    void theRunnerImagesExecutableRunsTheRunnerJar() {
        Container c = new ContainerBuilder().withName("compile").withImage("registry.local:5000/kubejudge/judge-runner:0.1.0")
                .withCommand("kubejudge-runner").withArgs("compile", "--work", "/work").build();
        ImageCatalog.HostCommand command = images.command(c);
        assertThat(command.program()).containsExactly("java", "-jar", "runner.jar");
        assertThat(command.arguments()).containsExactly("compile", "--work", "/work");
        assertThat(images.environment(c)).containsEntry("KUBEJUDGE_LAUNCHER", "/image/kj-launcher");
    }

    @Test
    void theRunnerImagesEntrypointIsTheRunnerWhenNoCommandIsGiven() {
        Container c = new ContainerBuilder().withName("check").withImage("kubejudge/judge-runner@sha256:abc")
                .withArgs("--version").build();
        assertThat(images.command(c).argv(words -> words)).containsExactly("java", "-jar", "runner.jar", "--version");
    }

    @Test
    void otherCommandsRunAsGiven() {
        Container c = new ContainerBuilder().withName("c").withImage("busybox:1.36").withCommand("sh", "-c").withArgs("echo hi").build();
        assertThat(images.command(c).program()).isEmpty();
        assertThat(images.command(c).arguments()).containsExactly("sh", "-c", "echo hi");
        assertThat(images.environment(c)).isEmpty();
        Container inRunnerImage = new ContainerBuilder().withName("c").withImage("kubejudge/judge-runner:0.1.0")
                .withCommand("sh", "-c", "true").build();
        assertThat(images.command(inRunnerImage).arguments()).containsExactly("sh", "-c", "true");
    }

    @Test
    void anUnknownImageWithoutCommandIsRefusedWithItsName() {
        Container c = new ContainerBuilder().withName("c").withImage("nginx:1.27").build();
        assertThatThrownBy(() -> images.command(c)).hasMessageContaining("nginx:1.27").hasMessageContaining("give the container a command");
    }
}
