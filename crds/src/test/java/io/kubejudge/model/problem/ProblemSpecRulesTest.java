package io.kubejudge.model.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubejudge.model.checker.CheckerType;
import io.kubejudge.model.checker.CheckerTypes;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.schema.CrdSchema;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared rules against the generated CRD's schema and CEL rules: what the API server refuses,
 * the rules refuse too (with the field and the limit named), so that the operator on an API server
 * without them and the runner on a problem directory say no where the API server would.
 */
class ProblemSpecRulesTest {

    static final CrdSchema PROBLEM = CrdSchema.load("judgeproblems");
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final String OK = "timeLimitMs: 1000\nmemoryLimitMiB: 256\ntests: [{name: t1, input: \"1 2\\n\", answer: \"3\\n\"}]\n";
    static final String BASE = "timeLimitMs: 1000\nmemoryLimitMiB: 256\ntests: [{name: t1}]\n";

    static JsonNode problem(String spec) {
        return CrdSchema.yaml("apiVersion: kubejudge.io/v1alpha1\nkind: JudgeProblem\nmetadata: {name: p}\nspec:\n"
                + spec.indent(2));
    }

    static List<String> rules(JsonNode problem) throws Exception {
        return ProblemSpecRules.errors(JSON.treeToValue(problem.get("spec"), JudgeProblemSpec.class), "spec.");
    }

    /** spec, the message the rules give. */
    static Stream<Arguments> refusedByTheSchema() {
        return Stream.of(
                Arguments.of("memoryLimitMiB: 256\ntests: [{name: t1}]", "spec.timeLimitMs: required (1..60000 ms)"),
                Arguments.of("timeLimitMs: 0\nmemoryLimitMiB: 256\ntests: [{name: t1}]", "spec.timeLimitMs: 0 is outside 1..60000 ms"),
                Arguments.of("timeLimitMs: 1000\nmemoryLimitMiB: 9000\ntests: [{name: t1}]",
                        "spec.memoryLimitMiB: 9000 is outside 16..8192 MiB"),
                Arguments.of(BASE + "outputLimitMiB: 2000", "spec.outputLimitMiB: 2000 is outside 1..1024 MiB"),
                Arguments.of("timeLimitMs: 1000\nmemoryLimitMiB: 256\ntests: []", "spec.tests: at least one test is required"),
                Arguments.of("timeLimitMs: 1000\nmemoryLimitMiB: 256\ntests: [{name: 'a b'}]",
                        "spec.tests[0].name: 'a b' must match ^[a-zA-Z0-9][-_.a-zA-Z0-9]{0,62}$ "
                                + "(letters, digits, '-', '_', '.'; at most 63 characters)"),
                Arguments.of("timeLimitMs: 1000\nmemoryLimitMiB: 256\ntests: [{name: t1, points: -1}]",
                        "spec.tests[0].points: -1.0 is outside 0..1000000"),
                Arguments.of("timeLimitMs: 1000\nmemoryLimitMiB: 256\ntests: [{name: t1, group: 'a/b'}]",
                        "spec.tests[0].group: 'a/b' must match ^[-_.a-zA-Z0-9]{1,63}$"),
                Arguments.of(BASE + "title: " + "x".repeat(201), "spec.title: 201 characters, at most 200"),
                Arguments.of(BASE + "languages: [" + Language.knownIds() + ", c]",
                        "spec.languages: " + (Language.COUNT + 1) + " entries, at most " + Language.COUNT),
                Arguments.of(BASE + "languageLimits: [{language: java, timeMultiplier: 20}]",
                        "spec.languageLimits[0].timeMultiplier: 20.0 is outside 0.1..10"),
                Arguments.of(BASE + "checker: {type: float}", "spec.checker: a float checker needs absoluteEpsilon or relativeEpsilon"),
                Arguments.of(BASE + "checker: {type: float, absoluteEpsilon: 2}", "spec.checker.absoluteEpsilon: 2.0 is outside 0..1"),
                Arguments.of(BASE + "checker: {type: special}", "spec.checker.program: a special checker needs its program"),
                Arguments.of(BASE + "checker: {type: tokens, memoryLimitMiB: 9000}", "spec.checker.memoryLimitMiB: 9000 is outside 16..8192 MiB"),
                Arguments.of(BASE + "checker: {type: kattis}", "spec.checker.program: a kattis checker needs its program"),
                Arguments.of(BASE + "checker: {type: special, program: {language: cpp, source: x, configMapKey: c.cpp}}",
                        "spec.checker.program: give the checker source either inline (source) or as configMapKey, not both"),
                Arguments.of(BASE + "checker: {type: special, program: {language: cpp, configMapKey: 'a/b'}}",
                        "spec.checker.program.configMapKey: 'a/b' must match ^[-._a-zA-Z0-9]+$ (a plain file name)"),
                Arguments.of(BASE + "dataConfigMaps: [" + "x,".repeat(64) + "x]", "spec.dataConfigMaps: 65 ConfigMaps, at most 64"),
                Arguments.of("timeLimitMs: 1000\nmemoryLimitMiB: 256\ntests: [{name: t1, gradingGroup: 'a//b'}]\ngradingGroups: [{path: 'a//b'}]",
                        "spec.gradingGroups[0].path: 'a//b' must match " + ProblemSpecRules.GRADING_PATH.pattern() + " (at most 253 characters)"),
                Arguments.of(BASE + "interactive: true", "spec.interactive: an interactive problem needs checker.type kattis "
                        + "(an output validator in interactive mode) or special (a testlib interactor), not tokens"));
    }

    @ParameterizedTest
    @MethodSource("refusedByTheSchema")
    void whatTheApiServerRefusesTheRulesRefuseNamingTheFieldAndTheLimit(String spec, String message) throws Exception {
        JsonNode problem = problem(spec);
        assertThat(PROBLEM.validate(problem)).as("the CRD's schema refuses it").isNotEmpty();
        assertThat(rules(problem)).contains(message);
    }

    @Test
    void aValidProblemPassesBoth() throws Exception {
        assertThat(PROBLEM.validate(problem(OK))).isEmpty();
        assertThat(rules(problem(OK))).isEmpty();
    }

    /** What the schema cannot see: names once, subtasks in one piece, one entry per language. */
    @Test
    void rulesBeyondTheSchemaNameBothPlaces() throws Exception {
        JsonNode p = problem("timeLimitMs: 1000\nmemoryLimitMiB: 256\n"
                + "tests: [{name: t1, group: g1}, {name: t2, group: g2}, {name: t1, group: g1}]\n"
                + "languageLimits: [{language: java}, {language: java}]\nlanguages: [c, c]");
        assertThat(rules(p)).containsExactly(
                "spec.languages[1]: 'c' is already listed in spec.languages[0]",
                "spec.tests[2].name: 't1' is also the name of spec.tests[0]; each test needs its own name "
                        + "(its data are <name>.in and <name>.ans)",
                "spec.tests[2] (t1): subtask group 'g1' resumes after other tests (it began at spec.tests[0]); "
                        + "a group's tests must be consecutive",
                "spec.languageLimits[1].language: 'java' is already listed in spec.languageLimits[0]");
    }

    /** Kattis grading groups: each test in one of them, require_pass naming what exists. */
    @Test
    void gradingGroupsHoldEveryTestAndNameWhatExists() throws Exception {
        JsonNode ok = problem("timeLimitMs: 1000\nmemoryLimitMiB: 256\ndataConfigMaps: [data]\n"
                + "tests: [{name: t1, gradingGroup: ''}, {name: t2, gradingGroup: secret}]\n"
                + "gradingGroups: [{path: ''}, {path: secret, score: min, verdict: first_error, requirePass: [t1]}]");
        assertThat(PROBLEM.validate(ok)).isEmpty();
        assertThat(rules(ok)).isEmpty();
        JsonNode bad = problem("timeLimitMs: 1000\nmemoryLimitMiB: 256\ndataConfigMaps: [data]\n"
                + "tests: [{name: t1, gradingGroup: elsewhere}, {name: t2, gradingGroup: secret, group: g}]\n"
                + "gradingGroups: [{path: secret, requirePass: [nothing]}, {path: secret}]");
        assertThat(rules(bad)).containsExactly(
                "spec.gradingGroups[1].path: 'secret' is already the path of spec.gradingGroups[0]",
                "spec.tests[0].gradingGroup: 'elsewhere' is not the path of one of spec.gradingGroups",
                "spec.tests[1].group: a problem with gradingGroups has no subtask groups (its grading groups score it)",
                "spec.gradingGroups[0].requirePass: 'nothing' is neither a grading group's path nor a test's name");
    }

    /** A problem.yaml names its fields from its top: the runner prefixes the file instead. */
    @Test
    void theRootIsTheCallersChoice() {
        JudgeProblemSpec spec = new JudgeProblemSpec();
        spec.setMemoryLimitMiB(64);
        assertThat(ProblemSpecRules.errors(spec, "")).containsExactly("timeLimitMs: required (1..60000 ms)",
                "tests: at least one test is required");
    }

    /** Every type the CRD allows has its declaration; what it needs is what the CEL rules demand of it. */
    @Test
    void everyCheckerTypeIsDeclaredAndItsNeedsMatchTheCelRules() throws Exception {
        for (Checker.Type type : Checker.Type.values()) {
            CheckerType declared = CheckerTypes.of(type);
            assertThat(declared.type()).isEqualTo(type);
            JsonNode bare = problem(OK + "checker: {type: " + declared.id() + "}");
            List<String> refused = PROBLEM.validate(bare);
            assertThat(refused.stream().anyMatch(e -> e.contains("needs its program")))
                    .as("%s: the schema wants a program", type).isEqualTo(declared.needs(CheckerType.Need.PROGRAM));
            assertThat(refused.stream().anyMatch(e -> e.contains("needs absoluteEpsilon")))
                    .as("%s: the schema wants an epsilon", type).isEqualTo(declared.needs(CheckerType.Need.EPSILON));
            assertThat(rules(bare).isEmpty()).as("%s: the rules agree", type).isEqualTo(refused.isEmpty());
        }
        assertThat(CheckerTypes.of((Checker) null).type()).isEqualTo(Checker.Type.TOKENS);
    }
}
