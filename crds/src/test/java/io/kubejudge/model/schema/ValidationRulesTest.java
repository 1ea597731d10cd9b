package io.kubejudge.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of the CRDs, CEL and schema alike, with an object the API server accepts
 * and one it refuses. A CEL rule added to a class without a case here fails {@link #everyCelRuleHasCases}.
 */
class ValidationRulesTest {

    static final CrdSchema PROBLEM = CrdSchema.load("judgeproblems");
    static final CrdSchema SUBMISSION = CrdSchema.load("judgesubmissions");
    static final CrdSchema POOL = CrdSchema.load("judgenodepools");

    static final String PROBLEM_OK = """
            apiVersion: kubejudge.io/v1alpha1
            kind: JudgeProblem
            metadata: {name: aplusb}
            spec:
              timeLimitMs: 1000
              memoryLimitMiB: 256
              tests: [{name: t1, input: "1 2\\n", answer: "3\\n"}]
            """;
    static final String SUBMISSION_OK = """
            apiVersion: kubejudge.io/v1alpha1
            kind: JudgeSubmission
            metadata: {name: s1}
            spec: {problem: aplusb, language: cpp, source: "int main(){}"}
            """;
    static final String POOL_OK = """
            apiVersion: kubejudge.io/v1alpha1
            kind: JudgeNodePool
            metadata: {name: default}
            spec:
              replicas: 2
            """;

    /** rule (as in the CRD) -> schema, accepted object, refused object. */
    static Stream<Arguments> celCases() {
        return Stream.of(
                Arguments.of(PROBLEM, "dataConfigMaps) > 0) || self.tests.all",
                PROBLEM_OK,
                PROBLEM_OK.replace("input: \"1 2\\n\", ", "")),
                Arguments.of(PROBLEM, "!(self.type in ['special', 'kattis']) || has(self.program)",
                        with(PROBLEM_OK, "  checker: {type: special, program: {language: cpp, source: 'int main(){}'}}"),
                        with(PROBLEM_OK, "  checker: {type: special}")),
                Arguments.of(PROBLEM, "!self.interactive || (has(self.checker)",
                        with(PROBLEM_OK, "  interactive: true\n  checker: {type: kattis, program: {language: cpp, source: 'int main(){}'}}"),
                        with(PROBLEM_OK, "  interactive: true\n  checker: {type: tokens}")),
                Arguments.of(PROBLEM, "self.type != 'float' || has(self.absoluteEpsilon)",
                        with(PROBLEM_OK, "  checker: {type: float, relativeEpsilon: 0.000001}"),
                        with(PROBLEM_OK, "  checker: {type: float}")),
                Arguments.of(PROBLEM, "has(self.source) != has(self.configMapKey)",
                        with(PROBLEM_OK, "  checker: {type: kattis, program: {language: cpp, configMapKey: validator.cpp}}"),
                        with(PROBLEM_OK, "  checker: {type: kattis, program: {language: cpp, configMapKey: v.cpp, source: x}}")),
                Arguments.of(POOL, "self.minReplicas <= self.maxReplicas",
                        with(POOL_OK, "  autoscaling: {minReplicas: 1, maxReplicas: 10}"),
                        with(POOL_OK, "  autoscaling: {minReplicas: 11, maxReplicas: 10}")),
                Arguments.of(POOL, "self.type != 'Localhost' || has(self.localhostProfile)",
                        with(POOL_OK, "  seccompProfile: {type: Localhost, localhostProfile: kubejudge/judge-runner.json}"),
                        with(POOL_OK, "  seccompProfile: {type: Localhost}")),
                Arguments.of(POOL, "self.type == 'Localhost' || !has(self.localhostProfile)",
                        with(POOL_OK, "  seccompProfile: {type: RuntimeDefault}"),
                        with(POOL_OK, "  seccompProfile: {type: RuntimeDefault, localhostProfile: x.json}")));
    }

    /** Transition rules: (rule, old object, accepted update, refused update). */
    static Stream<Arguments> transitionCases() {
        return Stream.of(
                Arguments.of("self.problem == oldSelf.problem",
                        SUBMISSION_OK,
                        SUBMISSION_OK.replace("}\n", ", cancel: true}\n"),
                        SUBMISSION_OK.replace("int main(){}", "int main(){return 1;}")),
                Arguments.of("self.rejudge >= oldSelf.rejudge",
                        SUBMISSION_OK.replace("}\n", ", rejudge: 2}\n"),
                        SUBMISSION_OK.replace("}\n", ", rejudge: 3}\n"),
                        SUBMISSION_OK.replace("}\n", ", rejudge: 1}\n")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("celCases")
    void celRuleAcceptsAndRefuses(CrdSchema schema, String rule, String accepted, String refused) {
        assertThat(schema.validate(CrdSchema.yaml(accepted))).as("accepted object").isEmpty();
        List<String> errors = schema.validate(CrdSchema.yaml(refused));
        String message = ruleMessage(schema, rule);
        assertThat(errors).as("refused object").anySatisfy(e -> assertThat(e).endsWith(message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitionCases")
    void transitionRuleAcceptsAndRefuses(String rule, String old, String accepted, String refused) {
        JsonNode oldObject = CrdSchema.yaml(old);
        assertThat(SUBMISSION.validate(CrdSchema.yaml(accepted), oldObject)).as("accepted update").isEmpty();
        String message = ruleMessage(SUBMISSION, rule);
        assertThat(SUBMISSION.validate(CrdSchema.yaml(refused), oldObject))
                .as("refused update").anySatisfy(e -> assertThat(e).endsWith(message));
    }

    @Test
    void everyCelRuleHasCases() {
        Set<String> covered = Stream.concat(celCases(), transitionCases())
                .map(a -> (String) a.get()[a.get().length == 4 && a.get()[0] instanceof CrdSchema ? 1 : 0])
                .collect(Collectors.toSet());
        for (CrdSchema schema : List.of(PROBLEM, SUBMISSION, POOL)) {
            for (CrdSchema.Rule rule : schema.rules()) {
                assertThat(covered).as("a test case for rule '%s' at %s", rule.expression(), rule.path())
                        .anySatisfy(fragment -> assertThat(rule.expression()).contains(fragment));
            }
        }
    }

    /** Schema rules: (schema, field, accepted object, refused object, expected error fragment). */
    static Stream<Arguments> schemaCases() {
        return Stream.of(
                Arguments.of(PROBLEM, "timeLimitMs minimum", PROBLEM_OK.replace("1000", "1"), PROBLEM_OK.replace("1000", "0"), "spec.timeLimitMs: below minimum 1"),
                Arguments.of(PROBLEM, "timeLimitMs maximum", PROBLEM_OK.replace("1000", "60000"), PROBLEM_OK.replace("1000", "60001"), "spec.timeLimitMs: above maximum 60000"),
                Arguments.of(PROBLEM, "memoryLimitMiB minimum", PROBLEM_OK.replace("256", "16"), PROBLEM_OK.replace("256", "15"), "spec.memoryLimitMiB: below minimum 16"),
                Arguments.of(PROBLEM, "memoryLimitMiB maximum", PROBLEM_OK.replace("256", "8192"), PROBLEM_OK.replace("256", "8193"), "spec.memoryLimitMiB: above maximum 8192"),
                Arguments.of(PROBLEM, "timeLimitMs required", PROBLEM_OK, PROBLEM_OK.replace("  timeLimitMs: 1000\n", ""), "spec: missing required field timeLimitMs"),
                Arguments.of(PROBLEM, "tests required", PROBLEM_OK, PROBLEM_OK.replaceAll("  tests: .*\\n", ""), "spec: missing required field tests"),
                Arguments.of(PROBLEM, "tests minItems", PROBLEM_OK, PROBLEM_OK.replaceAll("  tests: .*\\n", "  tests: []\n"), "spec.tests: fewer than 1 items"),
                Arguments.of(PROBLEM, "checker memoryLimitMiB minimum", with(PROBLEM_OK, "  checker: {type: tokens, memoryLimitMiB: 16}"),
                        with(PROBLEM_OK, "  checker: {type: tokens, memoryLimitMiB: 15}"), "spec.checker.memoryLimitMiB: below minimum 16"),
                Arguments.of(PROBLEM, "checker memoryLimitMiB maximum", with(PROBLEM_OK, "  checker: {type: tokens, memoryLimitMiB: 8192}"),
                        with(PROBLEM_OK, "  checker: {type: tokens, memoryLimitMiB: 8193}"), "spec.checker.memoryLimitMiB: above maximum 8192"),
                Arguments.of(PROBLEM, "checker type enum", with(PROBLEM_OK, "  checker: {type: exact}"), with(PROBLEM_OK, "  checker: {type: fuzzy}"), "spec.checker.type: not one of"),
                Arguments.of(PROBLEM, "languages enum", with(PROBLEM_OK, "  languages: [c, go]"), with(PROBLEM_OK, "  languages: [rust]"), "spec.languages[0]: not one of"),
                Arguments.of(PROBLEM, "test name pattern", PROBLEM_OK, PROBLEM_OK.replace("name: t1", "name: ../t1"), "spec.tests[0].name: does not match"),
                Arguments.of(PROBLEM, "test points minimum", PROBLEM_OK.replace("name: t1,", "name: t1, points: 0,"), PROBLEM_OK.replace("name: t1,", "name: t1, points: -1,"), "spec.tests[0].points: below minimum"),
                Arguments.of(SUBMISSION, "language enum", SUBMISSION_OK, SUBMISSION_OK.replace("cpp", "rust"), "spec.language: not one of"),
                Arguments.of(SUBMISSION, "priority enum", SUBMISSION_OK.replace("}\n", ", priority: contest}\n"), SUBMISSION_OK.replace("}\n", ", priority: urgent}\n"), "spec.priority: not one of"),
                Arguments.of(SUBMISSION, "source maxLength", SUBMISSION_OK.replace("int main(){}", "x".repeat(262144)), SUBMISSION_OK.replace("int main(){}", "x".repeat(262145)), "spec.source: longer than 262144"),
                Arguments.of(SUBMISSION, "source minLength", SUBMISSION_OK, SUBMISSION_OK.replace("int main(){}", ""), "spec.source: shorter than 1"),
                Arguments.of(SUBMISSION, "problem required", SUBMISSION_OK, SUBMISSION_OK.replace("problem: aplusb, ", ""), "spec: missing required field problem"),
                Arguments.of(SUBMISSION, "userId pattern", SUBMISSION_OK.replace("}\n", ", userId: '42'}\n"), SUBMISSION_OK.replace("}\n", ", userId: 'a b'}\n"), "spec.userId: does not match"),
                Arguments.of(SUBMISSION, "rejudge minimum", SUBMISSION_OK.replace("}\n", ", rejudge: 0}\n"), SUBMISSION_OK.replace("}\n", ", rejudge: -1}\n"), "spec.rejudge: below minimum"),
                Arguments.of(POOL, "replicas minimum", POOL_OK.replace("replicas: 2", "replicas: 0"), POOL_OK.replace("replicas: 2", "replicas: -1"), "spec.replicas: below minimum 0"),
                Arguments.of(POOL, "replicas maximum", POOL_OK.replace("replicas: 2", "replicas: 10000"), POOL_OK.replace("replicas: 2", "replicas: 10001"), "spec.replicas: above maximum 10000"),
                Arguments.of(POOL, "autoscaling required bounds", with(POOL_OK, "  autoscaling: {minReplicas: 1, maxReplicas: 3}"), with(POOL_OK, "  autoscaling: {minReplicas: 1}"), "spec.autoscaling: missing required field maxReplicas"),
                Arguments.of(POOL, "seccomp type", with(POOL_OK, "  seccompProfile: {type: RuntimeDefault}"), with(POOL_OK, "  seccompProfile: {type: Unconfined}"), "spec.seccompProfile.type: does not match"),
                Arguments.of(POOL, "cpu quantity", with(POOL_OK, "  resources: {cpu: 500m, memory: 1Gi}"), with(POOL_OK, "  resources: {cpu: lots}"), "spec.resources.cpu: does not match"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("schemaCases")
    void schemaRuleAcceptsAndRefuses(CrdSchema schema, String rule, String accepted, String refused, String error) {
        assertThat(schema.validate(CrdSchema.yaml(accepted))).as("accepted object").isEmpty();
        assertThat(schema.validate(CrdSchema.yaml(refused))).as("refused object").anySatisfy(e -> assertThat(e).contains(error));
    }

    @Test
    void subresourcesColumnsNamesAndCategory() {
        JsonNode pool = CrdSchema.yaml(read("judgenodepools")).path("spec");
        JsonNode scale = pool.path("versions").get(0).path("subresources").path("scale");
        assertThat(scale.path("specReplicasPath").asText()).isEqualTo(".spec.replicas");
        assertThat(scale.path("statusReplicasPath").asText()).isEqualTo(".status.replicas");
        assertThat(scale.path("labelSelectorPath").asText()).isEqualTo(".status.labelSelector");
        assertColumns("judgesubmissions", "Phase", "Verdict", "Score", "Time", "Memory", "Age");
        assertColumns("judgenodepools", "Replicas", "Running", "Queued", "Age");
        assertColumns("judgeproblems", "Tests", "Points", "Age", "Error");
        for (String plural : List.of("judgesubmissions", "judgenodepools", "judgeproblems")) {
            JsonNode spec = CrdSchema.yaml(read(plural)).path("spec");
            assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
            assertThat(spec.path("names").path("categories").toString()).contains("kubejudge");
            assertThat(spec.path("names").path("shortNames").size()).isPositive();
            assertThat(spec.path("versions").get(0).path("subresources").has("status")).as(plural + " status").isTrue();
        }
    }

    @Test
    void everyFieldIsDescribed() {
        for (String plural : List.of("judgesubmissions", "judgenodepools", "judgeproblems")) {
            JsonNode root = CrdSchema.load(plural).at("");
            for (String top : List.of("spec", "status")) {
                root.path("properties").path(top).path("properties").fields().forEachRemaining(f ->
                        assertThat(f.getValue().has("description")).as("%s %s.%s has a description", plural, top, f.getKey()).isTrue());
            }
        }
    }

    private static void assertColumns(String plural, String... names) {
        JsonNode columns = CrdSchema.yaml(read(plural)).path("spec").path("versions").get(0).path("additionalPrinterColumns");
        List<String> actual = new java.util.ArrayList<>();
        columns.forEach(c -> actual.add(c.path("name").asText()));
        assertThat(actual).containsExactly(names);
    }

    private static String read(String plural) {
        try {
            return java.nio.file.Files.readString(CrdSchema.GENERATED.resolve(plural + ".kubejudge.io-v1.yml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String ruleMessage(CrdSchema schema, String fragment) {
        return schema.rules().stream().filter(r -> r.expression().contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule containing '" + fragment + "' in the CRD")).message();
    }

    private static String with(String object, String specLine) {
        return object + specLine + "\n";
    }
}
