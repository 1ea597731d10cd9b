package io.kubejudge.operator.job;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.LanguageLimits;

/**
 * The Job's activeDeadlineSeconds: generous enough that a correct judge never hits it, so that
 * reaching it means something is stuck (a hung step, a node that stopped reporting) and ends as
 * SystemError rather than as a verdict about the program.
 */
public final class JudgeDeadline {
    /** Pulling the image, starting three JVM-based steps, compiling. */
    static final long FIXED_SECONDS = 180;
    static final long MAX_SECONDS = 6 * 3600;

    private JudgeDeadline() {
    }

    public static long seconds(JudgeProblemSpec problem, Language language) {
        double multiplier = LanguageLimits.timeMultiplier(problem.getLanguageLimits(), language);
        // The runner's wall limit per test is 2 x CPU + 1 s; checking a test costs at most about as much again.
        double perTestMs = 2 * (2 * problem.getTimeLimitMs() * multiplier + 1000);
        long total = FIXED_SECONDS + (long) Math.ceil(problem.getTests().size() * perTestMs / 1000.0);
        return Math.min(total, MAX_SECONDS);
    }
}
