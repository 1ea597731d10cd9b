package io.kubejudge.operator.result;

import io.kubejudge.model.result.CompileResult;
import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.operator.job.JobFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the three steps' termination messages into the judging's outcome. The check step's
 * message is authoritative; when it cut its per-test details ({@code truncated}), the full report
 * comes from the check container's log. Anything that is not a well-formed result is a
 * SystemError with the reason, never a guessed verdict.
 */
public final class ResultAssembler {
    /** Status messages are for people; a whole compiler log belongs in the compile result. */
    static final int MAX_COMPILE_MESSAGE = 4096;

    private ResultAssembler() {
    }

    /**
     * @param checkLog reads the check container's log (may be empty when unavailable)
     */
    public static JudgeOutcome assemble(Optional<StepOutcome> compile, Optional<StepOutcome> run,
                                        Optional<StepOutcome> check, Supplier<Optional<String>> checkLog) {
        if (check.isPresent() && check.get().parsed() && check.get().result().verdict() != null
                && check.get().result().error() == null) {
            return fromCheck(check.get().result(), compile, checkLog);
        }
        // No verdict from check: explain from the first step that went wrong.
        for (Optional<StepOutcome> step : List.of(compile, run, check)) {
            if (step.isEmpty()) {
                continue;
            }
            StepOutcome s = step.get();
            if (!s.parsed()) {
                return JudgeOutcome.systemError(s.problem());
            }
            StepResult r = s.result();
            if (r.error() != null) {
                return JudgeOutcome.systemError("step " + s.container() + " failed: " + r.error());
            }
            if (s.container().equals(JobFactory.COMPILE) && r.verdict() == Verdict.COMPILE_ERROR) {
                return compileError(r);
            }
            if (s.exitCode() != 0) {
                return JudgeOutcome.systemError("step " + s.container() + " exited with code " + s.exitCode()
                        + " without an error message");
            }
        }
        if (check.isPresent()) {
            return JudgeOutcome.systemError("malformed termination message of container check: no verdict");
        }
        return JudgeOutcome.systemError("the judge pod ended before its check step reported a verdict");
    }

    private static JudgeOutcome fromCheck(StepResult check, Optional<StepOutcome> compileStep,
                                          Supplier<Optional<String>> checkLog) {
        List<TestResult> tests = check.tests() == null ? List.of() : check.tests();
        CompileResult compile = check.compile() != null ? check.compile()
                : compileStep.filter(StepOutcome::parsed).map(s -> s.result().compile()).orElse(null);
        JudgeResult.JudgeInfo judge = check.judge() != null ? check.judge()
                : compileStep.filter(StepOutcome::parsed).map(s -> s.result().judge()).orElse(null);
        String message = null;
        if (Boolean.TRUE.equals(check.truncated())) {
            Optional<JudgeResult> full = checkLog.get().flatMap(TerminationMessages::parseCheckLog);
            if (full.isPresent() && full.get().tests() != null) {
                tests = full.get().tests();
                if (full.get().compile() != null) {
                    compile = full.get().compile();
                }
            } else {
                message = "per-test results cut to " + tests.size() + " of "
                        + (check.testCount() == null ? "?" : check.testCount()) + ": the check container's log was unavailable";
            }
        }
        return new JudgeOutcome(check.verdict(), check.score(), check.maxScore(), check.timeMs(), check.memoryKiB(),
                shorten(compile), tests, judge, message, check.verdict() == Verdict.SYSTEM_ERROR);
    }

    private static JudgeOutcome compileError(StepResult compile) {
        return new JudgeOutcome(Verdict.COMPILE_ERROR, 0.0, compile.maxScore(), null, null, shorten(compile.compile()),
                List.of(), compile.judge(), null, false);
    }

    static CompileResult shorten(CompileResult compile) {
        if (compile == null || compile.message() == null || compile.message().length() <= MAX_COMPILE_MESSAGE) {
            return compile;
        }
        return new CompileResult(compile.success(), compile.message().substring(0, MAX_COMPILE_MESSAGE) + "\n[truncated]",
                compile.timeMs());
    }
}
