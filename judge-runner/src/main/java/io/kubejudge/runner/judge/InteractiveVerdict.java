package io.kubejudge.runner.judge;

import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.checker.CheckOutcome;
import io.kubejudge.runner.checker.InteractorVerdicts;
import io.kubejudge.runner.sandbox.Measurement;

/**
 * One interactive test's verdict from both ends, as problemtools judges it
 * ({@code problemtools/judge/execute.py}, {@code _run_interactive}):
 * <ol>
 *   <li>the interactor crashed (or exited with a code that is no verdict): {@code SystemError};
 *   <li>the interactor ended first and rejected: its verdict, whatever the program did after
 *       (an early rejection leaves the program waiting or writing into a closed pipe);
 *   <li>else the program's own end, when it decided one: time, memory or output limit, crash;
 *   <li>else the interactor's verdict. A program that exits early without finishing the
 *       dialogue gets this too: the interactor reads end-of-file and rejects.
 * </ol>
 * An interactor still running at the wall-clock limit counts as a rejection that did not come
 * first (problemtools assumes exit 43), so a program stuck at the same time is TimeLimitExceeded.
 */
final class InteractiveVerdict {

    private InteractiveVerdict() {
    }

    /**
     * @param program    the program's end alone, classified as for any problem (null verdict: it exited 0)
     * @param interactor the interactor's verdict ({@link InteractorVerdicts}), null when it was killed at the wall limit
     */
    static TestResult decide(TestCase test, Measurement m, TestResult program, CheckOutcome interactor) {
        if (program.verdict() == Verdict.SYSTEM_ERROR) {
            return program; // the launcher could not run the pair
        }
        Measurement.InteractorEnd end = m.interactor();
        if (end == null) {
            return with(program, new CheckOutcome(Verdict.SYSTEM_ERROR, 0.0, "the launcher reported no interactor"), test);
        }
        if (interactor == null) {
            interactor = new CheckOutcome(Verdict.WRONG_ANSWER, 0.0, "the interactor had not finished at the wall-clock limit");
        }
        boolean broken = interactor.verdict() == Verdict.SYSTEM_ERROR;
        boolean rejectedFirst = end.first() && !interactor.verdict().isAccepted();
        if (broken || rejectedFirst) {
            return with(program, interactor, test);
        }
        if (program.verdict() != null) {
            return program;
        }
        return with(program, interactor, test);
    }

    private static TestResult with(TestResult program, CheckOutcome outcome, TestCase test) {
        return new TestResult(program.name(), outcome.verdict(), program.timeMs(), program.memoryKiB(), program.exitCode(),
                program.signal(), Scoring.testPoints(test, outcome), CheckStep.shorten(outcome.message()));
    }
}
