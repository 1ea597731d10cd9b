package io.kubejudge.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Kubernetes YAML under examples/ parses into our model classes and passes the CRD schema. */
class ExamplesMatchTheCrdsTest {

    static final Path EXAMPLES = Path.of("..", "examples");
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "JudgeProblem", JudgeProblem.class,
            "JudgeSubmission", JudgeSubmission.class,
            "JudgeNodePool", JudgeNodePool.class,
            "ConfigMap", ConfigMap.class);
    static final Map<String, CrdSchema> SCHEMAS = Map.of(
            "JudgeProblem", CrdSchema.load("judgeproblems"),
            "JudgeSubmission", CrdSchema.load("judgesubmissions"),
            "JudgeNodePool", CrdSchema.load("judgenodepools"));

    @Test
    void everyExampleParsesAndValidates() throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        for (Path file : yamlFiles()) {
            for (JsonNode doc : documents(file)) {
                String kind = doc.path("kind").asText();
                assertThat(KINDS).as("%s: kind %s is one we know", file, kind).containsKey(kind);
                HasMetadata parsed = Serialization.unmarshal(doc.toString(), KINDS.get(kind));
                assertThat(parsed.getMetadata().getName()).as("%s: metadata.name", file).isNotBlank();
                if (SCHEMAS.containsKey(kind)) {
                    assertThat(SCHEMAS.get(kind).validate(doc)).as("%s %s against the CRD", file, parsed.getMetadata().getName()).isEmpty();
                    // Nothing in the example is lost on the way through the model class.
                    JsonNode back = new ObjectMapper().readTree(Serialization.asJson(parsed)).path("spec");
                    assertThat(back).as("%s spec round trip", file).isEqualTo(withDefaults(kind, doc).path("spec"));
                } else {
                    assertConfigMapFits(file, (ConfigMap) parsed);
                }
                seen.merge(kind, 1, Integer::sum);
            }
        }
        assertThat(seen).as("examples of each kind").containsKeys("JudgeProblem", "JudgeSubmission", "JudgeNodePool", "ConfigMap");
    }

    private static JsonNode withDefaults(String kind, JsonNode doc) {
        JsonNode copy = doc.deepCopy();
        CrdSchema.applyDefaults(SCHEMAS.get(kind).at(""), copy);
        return copy;
    }

    private static void assertConfigMapFits(Path file, ConfigMap cm) {
        long bytes = 0;
        for (Map.Entry<String, String> e : cm.getData() == null ? Map.<String, String>of().entrySet() : cm.getData().entrySet()) {
            assertThat(e.getKey()).as("%s: ConfigMap key", file).matches("[-._a-zA-Z0-9]+");
            bytes += e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (cm.getBinaryData() != null) {
            for (Map.Entry<String, String> e : cm.getBinaryData().entrySet()) {
                bytes += e.getKey().length() + e.getValue().length();
            }
        }
        assertThat(bytes).as("%s: ConfigMap %s size", file, cm.getMetadata().getName()).isLessThan(1024 * 1024);
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(ExamplesMatchTheCrdsTest::isKubernetesYaml)
                    .sorted().toList();
        }
    }

    /** problem.yaml files of problem directories are not Kubernetes objects. */
    private static boolean isKubernetesYaml(Path p) {
        try {
            return Files.readString(p).contains("apiVersion:");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = yaml.getFactory().createParser(file.toFile())) {
            var it = yaml.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isMissingNode() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}
