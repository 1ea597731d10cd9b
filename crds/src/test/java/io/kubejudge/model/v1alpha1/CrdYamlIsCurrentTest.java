package io.kubejudge.model.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerationInfo;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed CRD YAML must be what the classes generate. Regenerate with
 * {@code ./mvnw -pl crds test -Dtest=CrdYamlIsCurrentTest -Dkubejudge.updateCrds=true}.
 */
class CrdYamlIsCurrentTest {

    static final Path COMMITTED = Path.of("generated");

    @Test
    void committedCrdsMatchTheClasses(@TempDir Path fresh) throws IOException {
        boolean update = Boolean.getBoolean("kubejudge.updateCrds");
        Path out = update ? COMMITTED : fresh;
        Files.createDirectories(out);
        CrdFiles.generate(out);

        List<String> names = List.of(
                "judgeproblems.kubejudge.io-v1.yml",
                "judgesubmissions.kubejudge.io-v1.yml",
                "judgenodepools.kubejudge.io-v1.yml");
        try (Stream<Path> files = Files.list(COMMITTED)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("CRD files under crds/generated").containsExactlyInAnyOrderElementsOf(names);
        }
        for (String name : names) {
            assertThat(Files.readString(COMMITTED.resolve(name)))
                    .as("crds/generated/%s is stale: regenerate it (see this test's javadoc)", name)
                    .isEqualTo(Files.readString(out.resolve(name)));
        }
    }

    /** The one place that says how CRDs are generated. */
    static final class CrdFiles {
        static final List<Class<? extends CustomResource<?, ?>>> KINDS =
                List.of(JudgeProblem.class, JudgeSubmission.class, JudgeNodePool.class);

        static void generate(Path dir) throws IOException {
            CRDGenerationInfo info = new CRDGenerator()
                    .inOutputDir(dir.toFile())
                    .forCRDVersions("v1")
                    .customResourceClasses(KINDS.toArray(Class[]::new))
                    .detailedGenerate();
            for (Class<? extends CustomResource<?, ?>> kind : KINDS) {
                String crdName = HasMetadata.getFullResourceName(kind);
                Path file = Path.of(info.getCRDInfos(crdName).get("v1").getFilePath());
                keepPrinterColumnsInDeclaredOrder(file, kind);
            }
        }

        /** The generator sorts printer columns by name; kubectl shows them in the order we declared. */
        private static void keepPrinterColumnsInDeclaredOrder(Path file, Class<?> kind) throws IOException {
            List<String> declared = Stream.of(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                    .map(AdditionalPrinterColumn::name).toList();
            String yaml = Files.readString(file);
            CustomResourceDefinition crd = Serialization.unmarshal(yaml, CustomResourceDefinition.class);
            for (var version : crd.getSpec().getVersions()) {
                version.getAdditionalPrinterColumns()
                        .sort(Comparator.comparingInt(c -> declared.indexOf(c.getName())));
            }
            String header = yaml.substring(0, yaml.indexOf('\n') + 1);
            Files.writeString(file, header + Serialization.asYaml(crd).replaceFirst("^---\n", ""));
        }
    }
}
