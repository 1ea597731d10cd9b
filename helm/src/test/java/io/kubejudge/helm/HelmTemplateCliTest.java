package io.kubejudge.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelmTemplateCliTest {

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HelmTemplateCli.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsWhatTheLibraryRenders() {
        String out = run("kubejudge", "-n", "kubejudge");

        var objects = new StrictManifests().parse(out);
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .contains("Deployment/kubejudge-operator", "Job/kubejudge-uninstall");
    }

    @Test
    void takesNameNamespaceValuesFilesSetAndSetString(@TempDir Path dir) throws Exception {
        Path values = dir.resolve("v.yaml");
        Files.writeString(values, "api:\n  replicas: 3\n");

        String out = run("judge", "--namespace=judging", "-f", values.toString(), "--set", "operator.replicas=3,judges.namespace=j2",
                "--set-string", "defaultPool.image.tag=2024", "--validate-objects");

        assertThat(out).contains("name: judge-kubejudge-api\n  namespace: judging")
                .contains("replicas: 3").contains("namespace: j2").contains("image: \"kubejudge/judge-runner:2024\"");
    }

    @Test
    void includeCrdsPrintsThemFirst() {
        assertThat(run("--include-crds")).startsWith("---\n# Source: kubejudge/crds/judgenodepools.kubejudge.io-v1.yml\n");
    }

    @Test
    void noHooksLeavesTheUninstallHookOut() {
        String out = run("--no-hooks");

        assertThat(out).doesNotContain("helm.sh/hook").doesNotContain("kubejudge-uninstall")
                .contains("name: kubejudge-operator");
        assertThat(run()).contains("helm.sh/hook: pre-delete");
    }

    @Test
    void anUnsupportedFlagOrAMissingValueIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> run("--dry-run")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported flag --dry-run").hasMessageContaining("usage: scripts/helm-template.sh");
        assertThatThrownBy(() -> run("-f")).hasMessageContaining("-f needs a value");
        assertThatThrownBy(() -> run("--set", "novalue")).hasMessageContaining("--set novalue: expected key=value");
    }

    @Test
    void aWrongValueIsAChartErrorNamingIt() {
        assertThatThrownBy(() -> run("--set", "operator.watch.mode=all"))
                .isInstanceOf(ChartException.class).hasMessageContaining("/operator/watch/mode");
    }
}
