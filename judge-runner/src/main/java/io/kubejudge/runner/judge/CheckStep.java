package io.kubejudge.runner.judge;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.checker.CheckOutcome;
import io.kubejudge.runner.checker.OutputChecker;
import io.kubejudge.runner.problem.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The check step: the checker judges every output the run step left, in the problem's order;
 * tests the run step already failed keep their verdict; scoring turns it all into the
 * submission's verdict. The only step that sees the answers.
 */
public final class CheckStep {

    /** Checker messages end up in the resource's status: keep them short. */
    static final int MESSAGE_CHARS = 200;

    private final CheckerFactory checkers;

    public CheckStep(CheckerFactory checkers) {
        this.checkers = checkers;
    }

    public JudgeResult check(Problem problem, CompileReport compiled, RunReport run, WorkDir work, String runnerVersion) {
        JudgeProblemSpec spec = problem.spec();
        JudgeResult.JudgeInfo info = new JudgeResult.JudgeInfo(runnerVersion, compiled.language().id(),
                compiled.compilerVersion(), run.landlock());
        if (!compiled.succeeded()) {
            Scoring.Summary none = Scoring.score(spec, List.of());
            return new JudgeResult(Verdict.COMPILE_ERROR, 0.0, none.maxScore(), 0, 0, compiled.compile(), List.of(), info);
        }
        Map<String, TestResult> ran = new HashMap<>();
        run.tests().forEach(t -> ran.put(t.name(), t));
        CheckerHolder checker = new CheckerHolder(problem, work.checker());
        List<TestResult> results = new ArrayList<>();
        for (TestCase test : spec.getTests()) {
            TestResult result = ran.get(test.getName());
            if (result == null) {
                break;
            }
            if (result.verdict() == null && Boolean.TRUE.equals(spec.getInteractive())) {
                result = undecidedInteractive(result);
            } else if (result.verdict() == null) {
                result = judgeOutput(problem, test, result, work, checker);
            }
            results.add(result);
            if (Scoring.shouldStop(spec, result)) {
                break;
            }
        }
        Scoring.Summary summary = Scoring.score(spec, results);
        long time = results.stream().mapToLong(t -> t.timeMs() == null ? 0 : t.timeMs()).max().orElse(0);
        long memory = results.stream().mapToLong(t -> t.memoryKiB() == null ? 0 : t.memoryKiB()).max().orElse(0);
        return new JudgeResult(summary.verdict(), summary.score(), summary.maxScore(), time, memory, compiled.compile(), results, info);
    }

    private TestResult judgeOutput(Problem problem, TestCase test, TestResult ran, WorkDir work, CheckerHolder checker) {
        CheckOutcome outcome;
        try {
            outcome = checker.get().check(problem.input(test), work.stdout(test.getName()), problem.answer(test));
        } catch (CheckerUnavailable e) {
            outcome = new CheckOutcome(Verdict.SYSTEM_ERROR, 0.0, e.getMessage());
        } catch (Exception e) {
            outcome = new CheckOutcome(Verdict.SYSTEM_ERROR, 0.0, "checker failed: " + e.getMessage());
        }
        double points = Scoring.testPoints(test, outcome);
        return new TestResult(ran.name(), outcome.verdict(), ran.timeMs(), ran.memoryKiB(), ran.exitCode(), ran.signal(),
                points, shorten(outcome.message()));
    }

    /** The run step decides interactive tests; one it left open means the steps do not match. */
    private static TestResult undecidedInteractive(TestResult ran) {
        return new TestResult(ran.name(), Verdict.SYSTEM_ERROR, ran.timeMs(), ran.memoryKiB(), ran.exitCode(), ran.signal(), 0.0,
                "the run step left this interactive test without a verdict (a run step without interactive support?)");
    }

    static String shorten(String message) {
        if (message == null || message.length() <= MESSAGE_CHARS) {
            return message;
        }
        int end = MESSAGE_CHARS - 3;
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        return message.substring(0, end) + "...";
    }

    /** Builds the checker on first use: a submission that fails every test needs none. */
    private final class CheckerHolder {
        private final Problem problem;
        private final Path dir;
        private OutputChecker checker;

        CheckerHolder(Problem problem, Path dir) {
            this.problem = problem;
            this.dir = dir;
        }

        OutputChecker get() throws Exception {
            if (checker == null) {
                try {
                    checker = checkers.create(problem, dir);
                } catch (Exception e) {
                    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    checker = (in, out, ans) -> {
                        throw new CheckerUnavailable("the problem's checker could not be built: " + reason);
                    };
                }
            }
            return checker;
        }
    }

    private static final class CheckerUnavailable extends RuntimeException {
        CheckerUnavailable(String message) {
            super(message);
        }
    }
}
