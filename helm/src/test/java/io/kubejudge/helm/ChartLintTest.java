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

    /**
     * values.schema.json names every key of values.yaml and refuses keys it does not name (so a misspelt
     * one fails naming itself), except free-form maps (labels, annotations, nodeSelector: a schema for
     * their values instead of a list of keys).
     */
    @Test
    void theSchemaNamesEveryValueAndRefusesUnknownKeys() throws IOException {
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        var values = yaml.readTree(ValueSets.chart().dir().resolve("values.yaml").toFile());
        var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ValueSets.chart().dir().resolve("values.schema.json").toFile());
        List<String> problems = new java.util.ArrayList<>();
        int[] checked = {0};
        checkSchemaCovers("", values, schema, problems, checked);

        assertThat(problems).as("values.yaml against values.schema.json").isEmpty();
        assertThat(checked[0]).isGreaterThan(80);
    }

    private static void checkSchemaCovers(String path, com.fasterxml.jackson.databind.JsonNode value,
                                          com.fasterxml.jackson.databind.JsonNode schema, List<String> problems, int[] checked) {
        checked[0]++;
        if (!schema.has("type") && !schema.has("enum") && !schema.has("anyOf")) {
            problems.add(path + ": no type in the schema");
        }
        if (!value.isObject()) {
            return;
        }
        var additional = schema.path("additionalProperties");
        if (!schema.has("properties")) {
            // A free-form map (labels: a schema for the values, whatever the keys) or a Kubernetes
            // object passed through as it is (affinity), which the API server checks.
            return;
        }
        if (!additional.isBoolean() || additional.asBoolean()) {
            problems.add((path.isEmpty() ? "(top)" : path) + ": additionalProperties must be false");
        }
        value.fieldNames().forEachRemaining(key -> {
            var property = schema.path("properties").path(key);
            if (property.isMissingNode()) {
                problems.add(path + "." + key + ": not in the schema");
            } else {
                checkSchemaCovers(path + "." + key, value.get(key), property, problems, checked);
            }
        });
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

    /** The chart's version and appVersion, which tags the images the chart runs, follow the project's (less -SNAPSHOT), as scripts/build-images.sh tags them. */
    @Test
    void theChartAndItsImagesCarryTheProjectVersion() throws IOException {
        String project = System.getProperty("kubejudge.project.version", "");
        assertThat(project).as("-Dkubejudge.project.version (set by helm/pom.xml)").isNotBlank();
        String release = project.replaceFirst("-SNAPSHOT$", "");
        var chart = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(ValueSets.chart().dir().resolve("Chart.yaml").toFile());

        assertThat(chart.path("version").asText()).isEqualTo(release);
        assertThat(chart.path("appVersion").asText()).isEqualTo(release);
        assertThat(ValueSets.render(ValueSets.DEFAULTS).all(io.fabric8.kubernetes.api.model.apps.Deployment.class))
                .flatExtracting(d -> d.getSpec().getTemplate().getSpec().getContainers())
                .extracting(io.fabric8.kubernetes.api.model.Container::getImage)
                .containsExactlyInAnyOrder("kubejudge/operator:" + release, "kubejudge/api:" + release);
        assertThat(ValueSets.render(ValueSets.DEFAULTS).one(io.kubejudge.model.v1alpha1.JudgeNodePool.class, "default").getSpec().getImage())
                .isEqualTo("kubejudge/judge-runner:" + release);
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
