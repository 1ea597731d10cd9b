package io.kubejudge.helm;

import org.junit.jupiter.api.Test;

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
    void theCrdsParseStrictlyAndIncludeCrdsPutsThemFirst() {
        String withCrds = ValueSets.chart().template(ValueSets.request(ValueSets.DEFAULTS).includeCrds(true));
        var objects = new StrictManifests().parse(withCrds);

        assertThat(objects.subList(0, 3)).extracting(o -> o.getMetadata().getName()).containsExactly(
                "judgenodepools.kubejudge.io", "judgeproblems.kubejudge.io", "judgesubmissions.kubejudge.io");
        assertThat(objects.get(3).getKind()).isNotEqualTo("CustomResourceDefinition");
    }
}
