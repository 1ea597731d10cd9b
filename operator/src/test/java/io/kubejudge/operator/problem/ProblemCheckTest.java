package io.kubejudge.operator.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.CheckerProgram;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeProblemStatus;
import io.kubejudge.model.v1alpha1.LanguageLimits;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.job.ProblemDataIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProblemCheckTest {

    static JudgeProblem problem(int tests, String... dataConfigMaps) {
        JudgeProblem p = Fixtures.problem("p", tests, dataConfigMaps);
        p.getMetadata().setGeneration(4L);
        return p;
    }

    static Set<String> keys(int tests) {
        Set<String> keys = new java.util.HashSet<>();
        for (int i = 1; i <= tests; i++) {
            keys.add("t" + i + ".in");
            keys.add("t" + i + ".ans");
        }
        return keys;
    }

    /** The schema's limits are the shared rules': an API server that does not enforce them gets the same answer. */
    @Test
    void theSchemasLimitsAreCheckedInTheSharedRulesWords() {
        JudgeProblem p = problem(2);
        p.getSpec().setTimeLimitMs(0);
        p.getSpec().getTests().get(1).setName("no spaces");
        assertThat(ProblemCheck.status(p, Map.of()).getValidationErrors()).containsExactly(
                "spec.timeLimitMs: 0 is outside 1..60000 ms",
                "spec.tests[1].name: 'no spaces' must match ^[a-zA-Z0-9][-_.a-zA-Z0-9]{0,62}$ "
                        + "(letters, digits, '-', '_', '.'; at most 63 characters)");
    }

    @Test
    void countsTestsAndPointsOfAValidProblem() {
        JudgeProblem p = problem(3);
        p.getSpec().getTests().forEach(t -> t.setPoints(70.0 / 3));
        JudgeProblemStatus s = ProblemCheck.status(p, Map.of());
        assertThat(s.getTestCount()).isEqualTo(3);
        assertThat(s.getTotalPoints()).isEqualTo(70.0);
        assertThat(s.getValidationErrors()).isEmpty();
        assertThat(s.getObservedGeneration()).isEqualTo(4L);
    }

    /** Kattis grading: the total is the graded full score (here an average of 30s), as the runner's maxScore. */
    @Test
    void totalPointsOfKattisGradingAreItsFullScore() {
        JudgeProblem p = problem(3);
        io.kubejudge.model.v1alpha1.GradingGroup root = new io.kubejudge.model.v1alpha1.GradingGroup("");
        root.setScore(io.kubejudge.model.v1alpha1.GradingGroup.ScoreRule.AVG);
        p.getSpec().setGradingGroups(new ArrayList<>(List.of(root)));
        p.getSpec().getTests().forEach(t -> {
            t.setPoints(30.0);
            t.setGradingGroup("");
        });
        JudgeProblemStatus s = ProblemCheck.status(p, Map.of());
        assertThat(s.getTotalPoints()).isEqualTo(30.0);
        assertThat(s.getValidationErrors()).isEmpty();
    }

    @Test
    void dataInConfigMapsIsFoundWhereverItIs() {
        JudgeProblem p = problem(4, "a", "b");
        Set<String> a = Set.of("t1.in", "t1.ans", "t2.in");
        Set<String> b = Set.of("t2.ans", "t3.in", "t3.ans", "t4.in", "t4.ans");
        assertThat(ProblemCheck.status(p, Map.of("a", a, "b", b)).getValidationErrors()).isEmpty();
    }

    @Test
    void aMissingConfigMapAndMissingKeysAreNamed() {
        JudgeProblem p = problem(3, "a", "b");
        List<String> errors = ProblemCheck.status(p, Map.of("a", Set.of("t1.in", "t1.ans", "t2.in"))).getValidationErrors();
        assertThat(errors).containsExactly(
                "spec.dataConfigMaps[1]: ConfigMap 'b' not found in namespace 'judge'",
                "spec.tests: test data missing (no inline input/answer and not in ConfigMaps a, b): t2.ans, t3.in, t3.ans");
    }

    @Test
    void inlineDataCountsAndMayBeHalfInline() {
        JudgeProblem p = problem(2, "a");
        p.getSpec().getTests().get(0).setInput("1 2\n");
        p.getSpec().getTests().get(0).setAnswer("3\n");
        p.getSpec().getTests().get(1).setInput("2 2\n");
        assertThat(ProblemCheck.status(p, Map.of("a", Set.of("t2.ans"))).getValidationErrors()).isEmpty();
        assertThat(ProblemCheck.status(p, Map.of("a", Set.of())).getValidationErrors())
                .singleElement().asString().endsWith("): t2.ans");
    }

    @Test
    void withoutDataConfigMapsEveryTestNeedsInlineData() {
        JudgeProblem p = problem(2);
        p.getSpec().getTests().get(1).setAnswer(null);
        assertThat(ProblemCheck.status(p, Map.of()).getValidationErrors()).containsExactly(
                "spec.tests: test data missing (no inline input/answer and spec.dataConfigMaps is empty): t2.ans");
    }

    @Test
    void aKeyInTwoConfigMapsIsRefused() {
        JudgeProblem p = problem(2, "a", "b");
        Set<String> a = keys(2);
        Set<String> b = Set.of("t2.in");
        assertThat(ProblemCheck.status(p, Map.of("a", a, "b", b)).getValidationErrors()).containsExactly(
                "spec.dataConfigMaps: keys held by more than one ConfigMap (keep each in one): t2.in (a, b)");
    }

    @Test
    void aManyTestProblemWithoutDataGetsOneBoundedMessage() {
        JudgeProblem p = problem(1000, "gone");
        List<String> errors = ProblemCheck.status(p, Map.of()).getValidationErrors();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(1)).startsWith("spec.tests: test data missing").endsWith("t5.ans and 1990 more")
                .hasSizeLessThan(300);
    }

    @Test
    void errorsAreCappedSoTheStatusStaysSmall() {
        JudgeProblem p = problem(30);
        p.getSpec().getTests().forEach(t -> t.setName(null));
        List<String> errors = ProblemCheck.status(p, Map.of()).getValidationErrors();
        assertThat(errors).hasSize(ProblemCheck.MAX_ERRORS);
        assertThat(errors.get(0)).isEqualTo("spec.tests[0].name: required");
        assertThat(errors.get(ProblemCheck.MAX_ERRORS - 1)).isEqualTo("... and 11 more errors");
    }

    @Test
    void testNamesMustBeUnique() {
        JudgeProblem p = problem(3);
        p.getSpec().getTests().get(2).setName("t1");
        assertThat(ProblemCheck.status(p, Map.of()).getValidationErrors()).containsExactly(
                "spec.tests[2].name: 't1' is also the name of spec.tests[0]; each test needs its own name "
                        + "(its data are <name>.in and <name>.ans)");
    }

    @Test
    void aSubtasksTestsMustBeConsecutive() {
        JudgeProblem ok = problem(5);
        List<TestCase> t = ok.getSpec().getTests();
        t.get(1).setGroup("g1");
        t.get(2).setGroup("g1");
        t.get(3).setGroup("g2");
        t.get(4).setGroup("g2");
        assertThat(ProblemCheck.status(ok, Map.of()).getValidationErrors()).isEmpty();

        t.get(4).setGroup("g1");
        assertThat(ProblemCheck.status(ok, Map.of()).getValidationErrors()).containsExactly(
                "spec.tests[4] (t5): subtask group 'g1' resumes after other tests (it began at spec.tests[1]); "
                        + "a group's tests must be consecutive");
        t.get(4).setGroup(null);
        t.get(3).setGroup(null);
        t.get(0).setGroup("g1");
        t.get(1).setGroup(null);
        assertThat(ProblemCheck.status(ok, Map.of()).getValidationErrors()).singleElement().asString()
                .startsWith("spec.tests[2] (t3): subtask group 'g1' resumes");
    }

    @Test
    void checkerProgramsMustBeThere() {
        JudgeProblem p = problem(1, "a");
        Checker special = new Checker();
        special.setType(Checker.Type.SPECIAL);
        p.getSpec().setChecker(special);
        assertThat(ProblemCheck.status(p, Map.of("a", keys(1))).getValidationErrors())
                .containsExactly("spec.checker.program: a special checker needs its program");

        CheckerProgram program = new CheckerProgram();
        program.setLanguage(Language.CPP);
        program.setConfigMapKey("checker.cpp");
        special.setProgram(program);
        assertThat(ProblemCheck.status(p, Map.of("a", keys(1))).getValidationErrors())
                .containsExactly("spec.checker.program.configMapKey: 'checker.cpp' not found in ConfigMap a");
        Set<String> withChecker = new java.util.HashSet<>(keys(1));
        withChecker.add("checker.cpp");
        assertThat(ProblemCheck.status(p, Map.of("a", withChecker)).getValidationErrors()).isEmpty();

        program.setSource("int main(){}");
        assertThat(ProblemCheck.status(p, Map.of("a", withChecker)).getValidationErrors()).containsExactly(
                "spec.checker.program: give the checker source either inline (source) or as configMapKey, not both");

        JudgeProblem inline = problem(1);
        Checker kattis = new Checker();
        kattis.setType(Checker.Type.KATTIS);
        CheckerProgram key = new CheckerProgram();
        key.setLanguage(Language.PYTHON);
        key.setConfigMapKey("validator.py");
        kattis.setProgram(key);
        inline.getSpec().setChecker(kattis);
        assertThat(ProblemCheck.status(inline, Map.of()).getValidationErrors()).containsExactly(
                "spec.checker.program.configMapKey: 'validator.py' names a key of the data ConfigMaps, but spec.dataConfigMaps is empty");
    }

    @Test
    void aFloatCheckerNeedsAnEpsilonAndLanguagesAreListedOnce() {
        JudgeProblem p = problem(1);
        Checker f = new Checker();
        f.setType(Checker.Type.FLOAT);
        p.getSpec().setChecker(f);
        LanguageLimits java1 = new LanguageLimits();
        java1.setLanguage(Language.JAVA);
        LanguageLimits java2 = new LanguageLimits();
        java2.setLanguage(Language.JAVA);
        p.getSpec().setLanguageLimits(new ArrayList<>(List.of(java1, java2)));
        assertThat(ProblemCheck.status(p, Map.of()).getValidationErrors()).as("in the order of the spec's fields").containsExactly(
                "spec.languageLimits[1].language: 'java' is already listed in spec.languageLimits[0]",
                "spec.checker: a float checker needs absoluteEpsilon or relativeEpsilon");
    }

    @Test
    void limitsAndTestsAreRequired() {
        JudgeProblem p = problem(1);
        p.getSpec().setTimeLimitMs(null);
        p.getSpec().setTests(new ArrayList<>());
        JudgeProblemStatus s = ProblemCheck.status(p, Map.of());
        assertThat(s.getTestCount()).isZero();
        assertThat(s.getValidationErrors()).containsExactly("spec.timeLimitMs: required (1..60000 ms)",
                "spec.tests: at least one test is required");
    }

    /** Admission trusts the status only when it describes the current spec. */
    @Test
    void currentErrorsIgnoreAStatusOfAnOlderGeneration() {
        JudgeProblem p = problem(1, "gone");
        assertThat(ProblemCheck.currentErrors(p)).isEmpty();
        p.setStatus(ProblemCheck.status(p, Map.of()));
        assertThat(ProblemCheck.currentErrors(p)).hasSize(2);
        p.getMetadata().setGeneration(5L);
        assertThat(ProblemCheck.currentErrors(p)).isEmpty();
    }

    /** What the reconciler reads from its cache: key names of data and binaryData, no values, no annotations. */
    @Test
    void theConfigMapCacheKeepsKeyNamesOnly() {
        ConfigMap full = new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("judge")
                .withResourceVersion("7").addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "x".repeat(10000))
                .addToLabels("kubejudge.io/problem", "p").endMetadata()
                .addToData("t1.in", "1 2\n".repeat(1000)).addToBinaryData("t1.ans", "AAEC").build();
        ConfigMapKeysStore store = new ConfigMapKeysStore();
        store.put(store.getKey(full), full);
        ConfigMap kept = store.get("judge/a");
        assertThat(kept.getData()).containsExactly(Map.entry("t1.in", ""));
        assertThat(kept.getBinaryData()).containsExactly(Map.entry("t1.ans", ""));
        assertThat(kept.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(kept.getMetadata().getLabels()).containsEntry("kubejudge.io/problem", "p");
        assertThat(ProblemDataIndex.keysOf(kept)).containsExactlyInAnyOrder("t1.in", "t1.ans");
        assertThat(full.getData().get("t1.in")).as("the informer's own object is untouched").hasSize(4000);
    }
}
