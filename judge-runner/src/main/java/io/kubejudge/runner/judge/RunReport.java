package io.kubejudge.runner.judge;

import io.kubejudge.model.result.TestResult;
import java.util.List;

/**
 * What the run step leaves for the check step: one entry per test that ran, in order. A test
 * whose program ended normally has no verdict yet (its output goes to the checker); the others
 * carry theirs (TimeLimitExceeded, RuntimeError, ...). Tests after a failure are missing when the
 * problem stops on the first failure.
 *
 * @param landlock whether the file-system confinement was in force (null: nothing ran)
 */
public record RunReport(Boolean landlock, List<TestResult> tests) {

    public static RunReport nothingRan() {
        return new RunReport(null, List.of());
    }
}
