package io.kubejudge.runner.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.GradingGroup;
import io.kubejudge.model.v1alpha1.GradingGroup.ScoreRule;
import io.kubejudge.model.v1alpha1.GradingGroup.VerdictRule;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verdict and score of Kattis grading per flag combination. The problem: data/sample with
 * one test, data/secret with three; the row configures data/secret (and data/ where it says)
 * and gives the four tests' verdicts, sample first.
 */
class KattisGradingTest {

    private static final Verdict AC = Verdict.ACCEPTED;
    private static final Verdict WA = Verdict.WRONG_ANSWER;
    private static final Verdict TLE = Verdict.TIME_LIMIT_EXCEEDED;
    private static final Verdict RTE = Verdict.RUNTIME_ERROR;

    record Row(String name, Consumer<GradingGroup> root, Consumer<GradingGroup> secret, double points, List<Verdict> verdicts,
            Verdict verdict, double score, double maxScore) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, Consumer<GradingGroup> secret, List<Verdict> verdicts, Verdict verdict, double score, double max) {
        return new Row(name, g -> { }, secret, 1.0, verdicts, verdict, score, max);
    }

    private static Consumer<GradingGroup> cont(Consumer<GradingGroup> more) {
        return g -> {
            g.setContinueOnReject(true);
            more.accept(g);
        };
    }

    static Stream<Row> rows() {
        return Stream.of(
                row("default: worst_error, sum, on_reject break", g -> { }, List.of(AC, AC, WA, TLE), WA, 2, 4),
                row("all accepted", g -> { }, List.of(AC, AC, AC, AC), AC, 4, 4),
                row("continue + worst_error: TLE is worse than WA", cont(g -> { }), List.of(AC, WA, TLE, AC), TLE, 2, 4),
                row("continue + first_error", cont(g -> g.setVerdict(VerdictRule.FIRST_ERROR)), List.of(AC, WA, TLE, AC), WA, 2, 4),
                row("worst_error ranks RTE above TLE", cont(g -> { }), List.of(AC, TLE, RTE, AC), RTE, 2, 4),
                row("always_accept", cont(g -> g.setVerdict(VerdictRule.ALWAYS_ACCEPT)), List.of(AC, WA, TLE, AC), AC, 2, 4),
                row("accept_if_any_accepted, one accepted", cont(g -> g.setAcceptIfAnyAccepted(true)), List.of(AC, WA, AC, TLE), AC, 2, 4),
                row("accept_if_any_accepted, none accepted", cont(g -> g.setAcceptIfAnyAccepted(true)), List.of(AC, WA, TLE, WA), TLE, 1, 4),
                row("avg", cont(g -> g.setScore(ScoreRule.AVG)), List.of(AC, AC, AC, WA), WA, 1 + 2.0 / 3, 2),
                row("min", cont(g -> g.setScore(ScoreRule.MIN)), List.of(AC, AC, WA, AC), WA, 1, 2),
                row("max", cont(g -> g.setScore(ScoreRule.MAX)), List.of(AC, WA, AC, WA), WA, 2, 2),
                row("reject_score", cont(g -> g.setRejectScore(0.5)), List.of(AC, AC, WA, WA), WA, 3, 4),
                row("range exceeded is a judge error", cont(g -> g.setRangeMax(2.0)), List.of(AC, AC, AC, AC), Verdict.SYSTEM_ERROR, 1, 4),
                row("range kept", cont(g -> g.setRangeMax(3.0)), List.of(AC, AC, AC, AC), AC, 4, 4),
                row("pass-fail (2023-07)", cont(g -> { g.setScore(ScoreRule.PASS_FAIL); g.setMaxScore(30.0); }),
                        List.of(AC, AC, AC, WA), WA, 1, 31),
                row("pass-fail all accepted", cont(g -> { g.setScore(ScoreRule.PASS_FAIL); g.setMaxScore(30.0); }),
                        List.of(AC, AC, AC, AC), AC, 31, 31),
                row("min-share (2023-07 min)", cont(g -> { g.setScore(ScoreRule.MIN_SHARE); g.setMaxScore(30.0); }),
                        List.of(AC, AC, AC, AC), AC, 31, 31),
                new Row("accept_score 10", g -> { }, g -> { }, 10.0, List.of(AC, AC, AC, AC), AC, 40, 40),
                new Row("ignore_sample: a failed sample does not count", g -> { g.setIgnoreSample(true); g.setContinueOnReject(true); },
                        g -> { }, 1.0, List.of(WA, AC, AC, AC), AC, 3, 3),
                new Row("on_reject break at data/: a failed sample ends judging", g -> { }, g -> { }, 1.0,
                        List.of(WA, AC, AC, AC), WA, 0, 4),
                new Row("on_reject continue at data/: the secret group still scores", g -> g.setContinueOnReject(true), g -> { }, 1.0,
                        List.of(WA, AC, AC, AC), WA, 3, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void gradesAsKattis(Row row) throws Exception {
        GradingGroup root = new GradingGroup("");
        row.root().accept(root);
        GradingGroup sample = new GradingGroup("sample");
        GradingGroup secret = new GradingGroup("secret");
        row.secret().accept(secret);
        List<TestCase> tests = new ArrayList<>();
        tests.add(test("sample-1", "sample", row.points()));
        for (int i = 1; i <= 3; i++) {
            tests.add(test("secret-" + i, "secret", row.points()));
        }
        JudgeProblemSpec spec = spec(tests, root, sample, secret);
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Verdict v = row.verdicts().get(i);
            results.add(new TestResult(tests.get(i).getName(), v, 1L, 1L, 0, null, v.isAccepted() ? row.points() : 0.0, null));
        }

        Scoring.Summary summary = Scoring.score(spec, results);
        // The pod reads the spec back from JSON: data/ itself ('' path) must survive the trip.
        JudgeProblemSpec read = Json.MAPPER.readValue(Json.write(spec), JudgeProblemSpec.class);

        assertThat(Scoring.score(read, results)).isEqualTo(summary);
        assertThat(summary.verdict()).isEqualTo(row.verdict());
        assertThat(summary.score()).isCloseTo(row.score(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(summary.maxScore()).isCloseTo(row.maxScore(), org.assertj.core.data.Offset.offset(1e-6));
    }

    static Stream<Arguments> requirePass() {
        return Stream.of(Arguments.of(WA, AC, 0.0, WA), Arguments.of(AC, AC, 100.0, AC), Arguments.of(AC, WA, 40.0, WA));
    }

    /** 2023-07: group2 (60 points) scores only when group1 (40 points) passed. */
    @ParameterizedTest(name = "group1 {0}, group2 {1}: {2}")
    @MethodSource("requirePass")
    void requirePassZeroesAGroupWhoseRequirementFailed(Verdict group1, Verdict group2, double score, Verdict verdict) {
        GradingGroup root = new GradingGroup("");
        root.setVerdict(VerdictRule.FIRST_ERROR);
        root.setContinueOnReject(true);
        GradingGroup secret = new GradingGroup("secret");
        secret.setContinueOnReject(true);
        secret.setVerdict(VerdictRule.FIRST_ERROR);
        GradingGroup g1 = new GradingGroup("secret/group1");
        g1.setScore(ScoreRule.PASS_FAIL);
        g1.setMaxScore(40.0);
        GradingGroup g2 = new GradingGroup("secret/group2");
        g2.setScore(ScoreRule.PASS_FAIL);
        g2.setMaxScore(60.0);
        g2.setRequirePass(List.of("secret/group1"));
        List<TestCase> tests = List.of(test("g1", "secret/group1", 40), test("g2", "secret/group2", 60));
        List<TestResult> results = List.of(new TestResult("g1", group1, 1L, 1L, 0, null, group1.isAccepted() ? 40.0 : 0.0, null),
                new TestResult("g2", group2, 1L, 1L, 0, null, group2.isAccepted() ? 60.0 : 0.0, null));

        Scoring.Summary summary = Scoring.score(spec(tests, root, secret, g1, g2), results);

        assertThat(summary.score()).isEqualTo(score);
        assertThat(summary.maxScore()).isEqualTo(100.0);
        assertThat(summary.verdict()).isEqualTo(verdict);
    }

    private static TestCase test(String name, String group, double points) {
        TestCase t = new TestCase(name, points);
        t.setGradingGroup(group);
        return t;
    }

    private static JudgeProblemSpec spec(List<TestCase> tests, GradingGroup... groups) {
        JudgeProblemSpec spec = new JudgeProblemSpec();
        spec.setTimeLimitMs(1000);
        spec.setMemoryLimitMiB(256);
        spec.setTests(new ArrayList<>(tests));
        spec.setGradingGroups(new ArrayList<>(List.of(groups)));
        return spec;
    }
}
