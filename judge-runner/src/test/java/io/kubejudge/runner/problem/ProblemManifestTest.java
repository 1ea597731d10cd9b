package io.kubejudge.runner.problem;

import static io.kubejudge.runner.problem.ProblemDirs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class ProblemManifestTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    /** Every data key with its bytes, from data (UTF-8) and binaryData (base64) of all ConfigMaps. */
    private static Map<String, byte[]> files(List<JsonNode> docs) {
        Map<String, byte[]> out = new HashMap<>();
        for (JsonNode doc : docs.subList(1, docs.size())) {
            doc.path("data").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            doc.path("binaryData").fields().forEachRemaining(e -> out.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
        }
        return out;
    }

    private Path ownProblem(String name, Map<String, byte[]> tests) throws IOException {
        Path p = dir.resolve(name);
        write(p, "problem.yaml", "timeLimitMs: 1000\nmemoryLimitMiB: 64\n");
        for (var e : tests.entrySet()) {
            Files.createDirectories(p.resolve("tests"));
            Files.write(p.resolve("tests/" + e.getKey() + ".in"), e.getValue());
            Files.write(p.resolve("tests/" + e.getKey() + ".ans"), e.getValue());
        }
        return p;
    }

    @Test
    void theExampleRoundTripsToTheSameSpecAndData() throws Exception {
        Problem problem = ProblemLoader.load(ProblemDirs.EXAMPLES.resolve("aplusb"));
        String yaml = ProblemManifest.render(problem);
        List<JsonNode> docs = parse(yaml);
        assertThat(docs).hasSize(2);
        JsonNode jp = docs.get(0);
        assertThat(jp.path("apiVersion").asText()).isEqualTo("kubejudge.io/v1alpha1");
        assertThat(jp.path("kind").asText()).isEqualTo("JudgeProblem");
        assertThat(jp.path("metadata").path("name").asText()).isEqualTo("aplusb");

        JudgeProblemSpec parsed = JSON.treeToValue(jp.get("spec"), JudgeProblemSpec.class);
        JudgeProblemSpec expected = JSON.convertValue(problem.spec(), JudgeProblemSpec.class);
        expected.setDataConfigMaps(List.of("aplusb-data-0"));
        JsonNode parsedTree = JSON.valueToTree(parsed);
        JsonNode expectedTree = JSON.valueToTree(expected);
        assertThat(parsedTree).isEqualTo(expectedTree);

        JsonNode cm = docs.get(1);
        assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(cm.path("metadata").path("name").asText()).isEqualTo("aplusb-data-0");
        assertThat(cm.path("metadata").path("labels").path("kubejudge.io/problem").asText()).isEqualTo("aplusb");
        Map<String, byte[]> data = files(docs);
        assertThat(data).hasSize(2 * problem.spec().getTests().size());
        for (TestCase t : problem.spec().getTests()) {
            assertThat(data.get(t.getName() + ".in")).isEqualTo(Files.readAllBytes(problem.input(t)));
            assertThat(data.get(t.getName() + ".ans")).isEqualTo(Files.readAllBytes(problem.answer(t)));
        }
    }

    @Test
    void theCommittedExampleManifestIsCurrent() throws Exception {
        Path committed = ProblemDirs.EXAMPLES.resolve("aplusb/kubernetes.yaml");
        String expected = ProblemManifest.render(ProblemLoader.load(ProblemDirs.EXAMPLES.resolve("aplusb")));
        assertThat(Files.readString(committed))
                .as("examples/problems/aplusb/kubernetes.yaml is stale: regenerate with ./kubejudge problem examples/problems/aplusb -o examples/problems/aplusb/kubernetes.yaml")
                .isEqualTo(expected);
    }

    @Test
    void theCommittedInteractiveExampleManifestIsCurrent() throws Exception {
        Path committed = ProblemDirs.EXAMPLES.resolve("guess-kattis/kubernetes.yaml");
        String expected = ProblemManifest.render(ProblemLoader.load(ProblemDirs.EXAMPLES.resolve("guess-kattis")));
        assertThat(expected).contains("interactive: true", "configMapKey: \"validate.cpp\"");
        assertThat(Files.readString(committed))
                .as("examples/problems/guess-kattis/kubernetes.yaml is stale: regenerate with "
                        + "./kubejudge problem examples/problems/guess-kattis -o examples/problems/guess-kattis/kubernetes.yaml")
                .isEqualTo(expected);
    }

    @Test
    void largeDataIsSplitOverConfigMapsWithinTheBudget() throws Exception {
        Map<String, byte[]> tests = new java.util.TreeMap<>();
        for (int i = 1; i <= 5; i++) {
            tests.put("t" + i, ("x".repeat(299) + "\n").repeat(1000).getBytes(StandardCharsets.UTF_8)); // 300 000 bytes
        }
        Problem problem = ProblemLoader.load(ownProblem("big", tests));
        List<JsonNode> docs = parse(ProblemManifest.render(problem));
        List<String> names = new ArrayList<>();
        docs.get(0).path("spec").path("dataConfigMaps").forEach(n -> names.add(n.asText()));
        // Ten files of 300 000 bytes: three fit in 900 KiB, so 3 + 3 + 3 + 1.
        assertThat(names).containsExactly("big-data-0", "big-data-1", "big-data-2", "big-data-3");
        assertThat(docs.get(4).path("data").size()).isEqualTo(1);
        assertThat(docs).hasSize(1 + names.size());
        for (int i = 1; i < docs.size(); i++) {
            JsonNode cm = docs.get(i);
            assertThat(cm.path("metadata").path("name").asText()).isEqualTo(names.get(i - 1));
            long size = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = cm.path("data").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                size += e.getKey().length() + e.getValue().asText().length();
            }
            assertThat(size).isLessThanOrEqualTo(ProblemManifest.CONFIGMAP_BUDGET);
        }
        Map<String, byte[]> data = files(docs);
        assertThat(data).hasSize(10);
        assertThat(data.get("t5.ans")).isEqualTo(tests.get("t5"));
    }

    @Test
    void aFileTooLargeForAConfigMapIsRefusedByNameAndLimit() throws Exception {
        byte[] huge = new byte[ProblemManifest.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        Problem problem = ProblemLoader.load(ownProblem("huge", Map.of("big", huge)));
        assertThatThrownBy(() -> ProblemManifest.render(problem))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("big.in")
                .hasMessageContaining("1001 KiB")
                .hasMessageContaining("at most 1000 KiB per file");
    }

    @Test
    void binaryAndCrlfDataGoToBinaryDataAndSurviveByteForByte() throws Exception {
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, '\n'};
        byte[] crlf = "1 2\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] text = "héllo ✓\n".getBytes(StandardCharsets.UTF_8);
        Problem problem = ProblemLoader.load(ownProblem("bin", Map.of("b", binary, "c", crlf, "u", text)));
        List<JsonNode> docs = parse(ProblemManifest.render(problem));
        JsonNode cm = docs.get(1);
        assertThat(cm.path("binaryData").has("b.in")).isTrue();
        assertThat(cm.path("binaryData").has("c.in")).isTrue();
        assertThat(cm.path("data").has("u.in")).isTrue();
        Map<String, byte[]> data = files(docs);
        assertThat(data.get("b.in")).isEqualTo(binary);
        assertThat(data.get("c.ans")).isEqualTo(crlf);
        assertThat(data.get("u.in")).isEqualTo(text);
    }

    @Test
    void trickyStringsStayStringsForAYaml11Reader() throws Exception {
        String[] values = {"yes", "on", "n", "1e3", "0x1F", "012", "null", "~", "", ":", "- a", "#x", "  lead",
            "trail  \n", "a\n\n\n", "\ttab\n", "x: y\n", "line1\nline2", "z".repeat(100_000) + "\n", "|\n", "---\n"};
        Map<String, byte[]> tests = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            tests.put("v" + i, values[i].getBytes(StandardCharsets.UTF_8));
        }
        Problem problem = ProblemLoader.load(ownProblem("tricky", tests));
        String yaml = ProblemManifest.render(problem);
        List<Object> snake = new ArrayList<>();
        new Yaml().loadAll(yaml).forEach(snake::add);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) snake.get(1)).get("data");
        for (int i = 0; i < values.length; i++) {
            assertThat(data.get("v" + i + ".in")).as("value %s", i).isInstanceOf(String.class).isEqualTo(values[i]);
        }
    }

    @Test
    void theCheckerSourceGoesIntoTheFirstConfigMapUnderItsKey() throws Exception {
        Problem problem = ProblemLoader.load(ProblemDirs.EXAMPLES.resolve("aplusb-special"));
        List<JsonNode> docs = parse(ProblemManifest.render(problem));
        JsonNode program = docs.get(0).path("spec").path("checker").path("program");
        assertThat(program.path("configMapKey").asText()).isEqualTo("checker.cpp");
        assertThat(program.has("source")).isFalse();
        assertThat(docs.get(1).path("data").path("checker.cpp").asText())
                .isEqualTo(Files.readString(ProblemDirs.EXAMPLES.resolve("aplusb-special/checker/checker.cpp")));
    }

    @Test
    void aValidatorDirectoryCannotBeShippedAndSaysSo() throws Exception {
        Path p = dir.resolve("scripted");
        write(p, "problem.yaml", "validation: custom\n");
        ProblemDirs.test(p, "data/secret", "1", "", "");
        write(p, "output_validators/v/build", "#!/bin/sh\n");
        write(p, "output_validators/v/run", "#!/bin/sh\nexit 42\n");
        Problem problem = ProblemLoader.load(p);
        assertThatThrownBy(() -> ProblemManifest.render(problem))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("a JudgeProblem carries one checker source file")
                .hasMessageContaining("kubejudge judge");
    }

    @Test
    void documentsAreObjectsWithoutAKubernetesClient() throws Exception {
        List<ObjectNode> docs = ProblemManifest.documents(ProblemLoader.load(ProblemDirs.EXAMPLES.resolve("circle-area-kattis")));
        assertThat(docs.get(0).path("spec").path("tests")).hasSize(8);
        assertThat(docs.get(0).path("spec").path("checker").path("type").asText()).isEqualTo("float");
    }
}
