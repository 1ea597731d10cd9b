package io.kubejudge.runner.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.checker.CheckOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringTest {

    private static TestCase test(String name, double points, String group) {
        TestCase t = new TestCase(name, points);
        t.setGroup(group);
        return t;
    }

    private static JudgeProblemSpec spec(TestCase... tests) {
        JudgeProblemSpec spec = new JudgeProblemSpec();
        spec.setTimeLimitMs(1000);
        spec.setMemoryLimitMiB(256);
        spec.setTests(new ArrayList<>(List.of(tests)));
        return spec;
    }

    private static TestResult result(String name, Verdict verdict, double points) {
        return new TestResult(name, verdict, 1L, 1L, 0, null, points, null);
    }

    @Test
    void allAcceptedScoresEverything() {
        JudgeProblemSpec spec = spec(test("a", 10, null), test("b", 20, null));
        Scoring.Summary s = Scoring.score(spec, List.of(
                result("a", Verdict.ACCEPTED, 10), result("b", Verdict.ACCEPTED, 20)));
        assertThat(s).isEqualTo(new Scoring.Summary(Verdict.ACCEPTED, 30, 30));
    }

    @Test
    void verdictIsTheFirstFailureInProblemOrderNotResultOrder() {
        JudgeProblemSpec spec = spec(test("a", 1, null), test("b", 1, null), test("c", 1, null));
        Scoring.Summary s = Scoring.score(spec, List.of(
                result("c", Verdict.WRONG_ANSWER, 0),
                result("b", Verdict.TIME_LIMIT_EXCEEDED, 0),
                result("a", Verdict.ACCEPTED, 1)));
        assertThat(s.verdict()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        assertThat(s.score()).isEqualTo(1.0);
        assertThat(s.maxScore()).isEqualTo(3.0);
    }

    @Test
    void aGroupScoresOnlyWhenAllItsTestsPass() {
        JudgeProblemSpec spec = spec(
                test("s1", 0, null),
                test("g1-1", 10, "g1"), test("g1-2", 10, "g1"),
                test("g2-1", 15, "g2"), test("g2-2", 15, "g2"));
        Scoring.Summary s = Scoring.score(spec, List.of(
                result("s1", Verdict.ACCEPTED, 0),
                result("g1-1", Verdict.ACCEPTED, 10), result("g1-2", Verdict.ACCEPTED, 10),
                result("g2-1", Verdict.ACCEPTED, 15), result("g2-2", Verdict.WRONG_ANSWER, 0)));
        assertThat(s).isEqualTo(new Scoring.Summary(Verdict.WRONG_ANSWER, 20, 50));
    }

    @Test
    void failingAZeroPointTestStillFailsItsGroup() {
        JudgeProblemSpec spec = spec(test("g-0", 0, "g"), test("g-1", 10, "g"));
        Scoring.Summary s = Scoring.score(spec, List.of(
                result("g-0", Verdict.RUNTIME_ERROR, 0), result("g-1", Verdict.ACCEPTED, 10)));
        assertThat(s.score()).isEqualTo(0.0);
        assertThat(s.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    }

    @Test
    void partialPointsInsideAGroupGiveTheGroupTheWeakestShare() {
        JudgeProblemSpec spec = spec(test("g-1", 10, "g"), test("g-2", 30, "g"));
        Scoring.Summary s = Scoring.score(spec, List.of(
                result("g-1", Verdict.ACCEPTED, 5), result("g-2", Verdict.ACCEPTED, 30)));
        assertThat(s.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(s.score()).isEqualTo(20.0);
    }

    @Test
    void partialPointsWithoutGroupsAddUp() {
        JudgeProblemSpec spec = spec(test("a", 10, null), test("b", 10, null));
        Scoring.Summary s = Scoring.score(spec, List.of(
                result("a", Verdict.ACCEPTED, 2.5), result("b", Verdict.ACCEPTED, 10)));
        assertThat(s.score()).isEqualTo(12.5);
    }

    @Test
    void pointsOfRejectedTestsAndOverreportedPointsAreIgnored() {
        JudgeProblemSpec spec = spec(test("a", 10, null), test("b", 10, null));
        Scoring.Summary s = Scoring.score(spec, List.of(
                result("a", Verdict.WRONG_ANSWER, 10), result("b", Verdict.ACCEPTED, 99)));
        assertThat(s.score()).isEqualTo(10.0);
    }

    @Test
    void stoppedEarlyScoresOnlyWhatRan() {
        JudgeProblemSpec spec = spec(test("a", 1, null), test("b", 1, null), test("c", 1, null));
        spec.setStopOnFirstFailure(true);
        TestResult failed = result("b", Verdict.MEMORY_LIMIT_EXCEEDED, 0);
        assertThat(Scoring.shouldStop(spec, result("a", Verdict.ACCEPTED, 1))).isFalse();
        assertThat(Scoring.shouldStop(spec, failed)).isTrue();
        Scoring.Summary s = Scoring.score(spec, List.of(result("a", Verdict.ACCEPTED, 1), failed));
        assertThat(s).isEqualTo(new Scoring.Summary(Verdict.MEMORY_LIMIT_EXCEEDED, 1, 3));
    }

    @Test
    void withoutStopOnFirstFailureNothingStops() {
        JudgeProblemSpec spec = spec(test("a", 1, null));
        assertThat(Scoring.shouldStop(spec, result("a", Verdict.WRONG_ANSWER, 0))).isFalse();
    }

    @Test
    void missingResultsWithoutAFailureAreASystemError() {
        JudgeProblemSpec spec = spec(test("a", 1, null), test("b", 1, null));
        Scoring.Summary s = Scoring.score(spec, List.of(result("a", Verdict.ACCEPTED, 1)));
        assertThat(s.verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(s.score()).isEqualTo(1.0);
    }

    @Test
    void testPointsFollowTheCheckersFraction() {
        TestCase t = new TestCase("a", 40);
        assertThat(Scoring.testPoints(t, CheckOutcome.accepted())).isEqualTo(40.0);
        assertThat(Scoring.testPoints(t, new CheckOutcome(Verdict.ACCEPTED, 0.25, "partial"))).isEqualTo(10.0);
        assertThat(Scoring.testPoints(t, new CheckOutcome(Verdict.ACCEPTED, 7.0, null))).isEqualTo(40.0);
        assertThat(Scoring.testPoints(t, CheckOutcome.wrong("no"))).isEqualTo(0.0);
    }
}
