package io.kubejudge.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ChartLintTest {

    @Test
    void helmLintStrictPasses() {
        LintReport report = ValueSets.chart().lint();

        assertThat(report.failed()).as("helm lint --strict: %s", report.messages()).isFalse();
        // Strict lint fails on warnings too; what is left is informational.
        assertThat(report.messages()).allSatisfy(m -> assertThat(m).startsWith("[INFO]"));
    }

    /** As chart-testing's {@code ct lint}: {@code helm lint --strict -f ci/<set>} for each value set. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.kubejudge.helm.ChartRenderingTest#valueSets")
    void helmLintStrictPassesWithEveryValueSet(String valueSet) {
        LintReport report = ValueSets.chart().lint(ValueSets.request(valueSet).valuesFiles());

        assertThat(report.failed()).as("helm lint --strict -f %s: %s", valueSet, report.messages()).isFalse();
        assertThat(report.messages()).allSatisfy(m -> assertThat(m).startsWith("[INFO]"));
    }

    @Test
    void aWrongValueFailsHelmLintNamingTheKey(@TempDir Path dir) throws IOException {
        Path wrong = dir.resolve("wrong-values.yaml");
        Files.writeString(wrong, "operator:\n  watch:\n    mode: everywhere\nredis:\n  enabld: false\n");

        LintReport report = ValueSets.chart().lint(List.of(wrong));

        assertThat(report.failed()).isTrue();
        assertThat(String.join("\n", report.messages()))
                .contains("at '/operator/watch/mode': value must be one of 'cluster', 'namespaces'")
                .contains("at '/redis': additional properties 'enabld' not allowed");
    }

    @Test
    void valuesFilesMergeAsHelmMergesThem(@TempDir Path dir) throws IOException {
        Path base = dir.resolve("values.yaml");
        Files.writeString(base, "a:\n  b: 1\n  c: [1, 2]\n  d: x\ne: keep\n");
        Path over = dir.resolve("over.yaml");
        Files.writeString(over, "a:\n  c: [3]\n  d: null\n  f: new\n");

        String merged = ValuesMerge.merged(base, List.of(over));

        assertThat(merged).contains("b: 1").contains("- 3").doesNotContain("- 1").doesNotContain("d:").contains("f: \"new\"")
                .contains("e: \"keep\"");
    }

    @Test
    void everyValueIsDocumentedByTheCommentAboveIt() throws IOException {
        List<String> lines = Files.readAllLines(ValueSets.chart().dir().resolve("values.yaml"));
        java.util.Deque<String[]> parents = new java.util.ArrayDeque<>(); // {indent, key}
        int keys = 0;
        for (int i = 0; i < lines.size(); i++) {
            var key = java.util.regex.Pattern.compile("^( *)([A-Za-z][A-Za-z0-9]*):").matcher(lines.get(i));
            if (!key.find()) {
                continue;
            }
            int indent = key.group(1).length();
            while (!parents.isEmpty() && Integer.parseInt(parents.peek()[0]) >= indent) {
                parents.pop();
            }
            boolean insideResources = parents.stream().anyMatch(p -> p[1].equals("resources"));
            parents.push(new String[] {String.valueOf(indent), key.group(2)});
            if (insideResources) {
                continue; // cpu, memory, requests, limits: the quantities of a documented value
            }
            keys++;
            assertThat(lines.get(i - 1).trim()).as("values.yaml:%d %s needs a comment above it", i + 1, key.group(2))
                    .startsWith("#");
        }
        assertThat(keys).isGreaterThan(80);
    }

    @Test
    void theChartsCrdsAreTheGeneratedOnesByteForByte() throws IOException {
        Path generated = Path.of(System.getProperty("kubejudge.crds.generated", "../crds/generated"));
        List<Path> expected;
        try (Stream<Path> files = Files.list(generated)) {
            expected = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }

        assertThat(expected).hasSize(3);
        assertThat(ValueSets.chart().crdFiles()).extracting(f -> f.getFileName().toString())
                .as("helm/kubejudge/crds/ holds exactly crds/generated/*.yml (copy them after regenerating)")
                .containsExactlyElementsOf(expected.stream().map(f -> f.getFileName().toString()).toList());
        for (Path file : expected) {
            assertThat(Files.readAllBytes(ValueSets.chart().dir().resolve("crds").resolve(file.getFileName())))
                    .as("helm/kubejudge/crds/%s differs from crds/generated: cp crds/generated/*.yml helm/kubejudge/crds/",
                            file.getFileName())
                    .isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void theNotesTellHowToSubmitTheExampleAndWatchIt() {
        String notes = ValueSets.chart().notes(ValueSets.request(ValueSets.DEFAULTS));

        assertThat(notes)
                .contains("kubectl -n kubejudge-judges apply --server-side -f examples/problems/aplusb/kubernetes.yaml")
                .contains("kubectl -n kubejudge-judges apply -f examples/kubernetes/submission-aplusb-cpp.yaml")
                .contains("kubectl -n kubejudge-judges wait --for=condition=Completed judgesubmission/aplusb-demo-1")
                .contains("kubectl -n kubejudge port-forward service/kubejudge-api 8080:8080")
                .contains("kubectl apply --server-side -f helm/kubejudge/crds/")
                .contains("WARNING: no JWT public key");
        assertThat(ValueSets.chart().notes(ValueSets.request("ingress-values.yaml")))
                .contains("through the Ingress at judge.example.com").doesNotContain("WARNING");
        // Each example the notes name exists.
        Path root = ValueSets.chart().dir().getParent().getParent();
        assertThat(root.resolve("examples/problems/aplusb/kubernetes.yaml")).isRegularFile();
        assertThat(root.resolve("examples/kubernetes/submission-aplusb-cpp.yaml")).isRegularFile();
        // ... and each object the notes' commands name is in the release, where they look for it.
        Rendering rendering = ValueSets.render(ValueSets.DEFAULTS);
        assertThat(notes).contains("kubectl -n kubejudge rollout status deployment/kubejudge-operator")
                .contains("kubectl -n kubejudge rollout status deployment/kubejudge-api")
                .contains("kubectl -n kubejudge-judges scale judgenodepool default --replicas=8");
        assertThat(rendering.one(io.fabric8.kubernetes.api.model.apps.Deployment.class, "kubejudge-operator").getMetadata().getNamespace())
                .isEqualTo("kubejudge");
        assertThat(rendering.one(io.fabric8.kubernetes.api.model.apps.Deployment.class, "kubejudge-api").getMetadata().getNamespace())
                .isEqualTo("kubejudge");
        assertThat(rendering.one(io.fabric8.kubernetes.api.model.Service.class, "kubejudge-api").getSpec().getPorts())
                .singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
        assertThat(rendering.one(io.kubejudge.model.v1alpha1.JudgeNodePool.class, "default").getMetadata().getNamespace())
                .isEqualTo("kubejudge-judges");
        assertThat(notes).contains("first deletes every JudgeSubmission\n(a pre-delete hook)");
    }

    @Test
    void theNotesWarnOnlyWithoutAnyTokenKeyAndSayWhenTheUninstallHookIsOff() {
        assertThat(ValueSets.chart().notes(ValueSets.request(ValueSets.DEFAULTS)))
                .contains("WARNING: no JWT public key is configured (api.jwt.publicKey or api.jwt.jwksUrl): the API does not\n   start");
        assertThat(ValueSets.chart().notes(ValueSets.request(ValueSets.DEFAULTS)
                .set("api.jwt.jwksUrl", "https://idp.example.com/jwks.json"))).doesNotContain("WARNING");
        assertThat(ValueSets.chart().notes(ValueSets.request(ValueSets.DEFAULTS).set("uninstall.enabled", "false")))
                .contains("the pre-delete hook is off in this release").doesNotContain("first deletes every JudgeSubmission")
                .contains("kubejudge.io/result finalizer.\nThe CRDs stay");
    }

    @Test
    void theCrdsParseStrictlyAndIncludeCrdsPutsThemFirst() {
        String withCrds = ValueSets.chart().template(ValueSets.request(ValueSets.DEFAULTS).includeCrds(true));
        var objects = new StrictManifests().parse(withCrds);

        assertThat(objects.subList(0, 3)).extracting(o -> o.getMetadata().getName()).containsExactly(
                "judgenodepools.kubejudge.io", "judgeproblems.kubejudge.io", "judgesubmissions.kubejudge.io");
        assertThat(objects.get(3).getKind()).isNotEqualTo("CustomResourceDefinition");
    }
}
