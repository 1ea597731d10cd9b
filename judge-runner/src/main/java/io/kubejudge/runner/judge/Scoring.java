package io.kubejudge.runner.judge;

import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.checker.CheckOutcome;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns per-test results into a submission's verdict and score.
 *
 * <ul>
 *   <li>Verdict: the verdict of the first test (in the problem's order) that is not accepted, else
 *       {@code Accepted}. A test with partial points (testlib's exit code 7, a Kattis score) is
 *       accepted with fewer points, as DMOJ and Kattis report it: the score tells the difference.
 *   <li>Tests without a group score their own {@link TestResult#points()} (0 unless accepted).
 *   <li>A group scores only when all its tests are accepted: its points are the sum of its tests'
 *       points times the smallest fraction awarded inside the group (CMS's "GroupMin"), so a group
 *       of fully accepted tests scores in full, one failed test zeroes it, and partial points
 *       inside a group give the group the weakest test's share.
 *   <li>Tests that have no result (judging stopped early) score nothing; if none failed, the
 *       missing results are the runner's fault and the verdict is {@code SystemError}.
 *   <li>Problems with {@code gradingGroups} (ICPC/Kattis packages) are graded as Kattis grades
 *       them instead, see {@link KattisGrading}.
 *   <li>maxScore is the sum of every test's points; score and maxScore are rounded to a
 *       millionth, so that evenly shared points (70 / 3 per test) add back up exactly.
 * </ul>
 */
public final class Scoring {

    /** The parts of a {@code JudgeResult} that scoring decides. */
    public record Summary(Verdict verdict, double score, double maxScore) {
    }

    private Scoring() {
    }

    /** Points one test earns from its checker's outcome (before group rules). */
    public static double testPoints(TestCase test, CheckOutcome outcome) {
        if (!outcome.verdict().isAccepted()) {
            return 0.0;
        }
        return pointsOf(test) * clampFraction(outcome.fraction());
    }

    /** Whether judging should stop after this result (the caller runs the tests in order). */
    public static boolean shouldStop(JudgeProblemSpec spec, TestResult result) {
        return Boolean.TRUE.equals(spec.getStopOnFirstFailure())
                && result.verdict() != null
                && !result.verdict().isAccepted();
    }

    public static Summary score(JudgeProblemSpec spec, List<TestResult> results) {
        if (!spec.getGradingGroups().isEmpty()) {
            return KattisGrading.score(spec, results);
        }
        Map<String, TestResult> byName = new HashMap<>();
        for (TestResult r : results) {
            byName.put(r.name(), r);
        }

        Verdict verdict = null;
        boolean missing = false;
        double maxScore = 0.0;
        double score = 0.0;
        Map<String, GroupTally> groups = new LinkedHashMap<>();
        for (TestCase test : spec.getTests()) {
            double points = pointsOf(test);
            maxScore += points;
            TestResult result = byName.get(test.getName());
            if (result == null) {
                missing = true;
            } else if (verdict == null && (result.verdict() == null || !result.verdict().isAccepted())) {
                verdict = result.verdict() == null ? Verdict.SYSTEM_ERROR : result.verdict();
            }
            double earned = earned(result, points);
            if (test.getGroup() == null) {
                score += earned;
            } else {
                groups.computeIfAbsent(test.getGroup(), g -> new GroupTally()).add(points, earned, isAccepted(result));
            }
        }
        for (GroupTally group : groups.values()) {
            score += group.score();
        }
        if (verdict == null) {
            verdict = missing ? Verdict.SYSTEM_ERROR : Verdict.ACCEPTED;
        }
        return new Summary(verdict, round(score), round(maxScore));
    }

    /** Shares like 70/3 per test must add back up to 70: scores are reported to a millionth. */
    static double round(double points) {
        return Math.round(points * 1e6) / 1e6;
    }

    private static boolean isAccepted(TestResult result) {
        return result != null && result.verdict() != null && result.verdict().isAccepted();
    }

    private static double earned(TestResult result, double points) {
        if (!isAccepted(result) || result.points() == null) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(points, result.points()));
    }

    private static double pointsOf(TestCase test) {
        return test.getPoints() == null ? 1.0 : test.getPoints();
    }

    private static double clampFraction(double fraction) {
        if (Double.isNaN(fraction)) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(1.0, fraction));
    }

    private static final class GroupTally {
        private double points;
        private double minFraction = 1.0;

        void add(double testPoints, double earned, boolean accepted) {
            points += testPoints;
            // A zero-point test still counts: failing it fails the group.
            double fraction = !accepted ? 0.0 : testPoints > 0 ? earned / testPoints : 1.0;
            minFraction = Math.min(minFraction, fraction);
        }

        double score() {
            return points * minFraction;
        }
    }
}
