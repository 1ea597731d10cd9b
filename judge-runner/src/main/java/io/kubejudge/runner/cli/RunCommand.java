package io.kubejudge.runner.cli;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.runner.judge.CompileReport;
import io.kubejudge.runner.judge.RunReport;
import io.kubejudge.runner.judge.Steps;
import io.kubejudge.runner.judge.WorkDir;
import io.kubejudge.runner.problem.Problem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code run --submission <dir> --inputs <dir> [--data <dir>] --work <dir> --result <file>}: the
 * pod's second step. Its tests carry a verdict only when the run itself decided one (limits,
 * crashes); the others wait for the check step. An interactive problem needs {@code --data} (the
 * test data and the interactor's source, for the interactor only) and decides every verdict here.
 */
final class RunCommand extends PodStep {

    static final String USAGE = "run --submission <dir> --inputs <dir> [--data <dir>] --work <dir> --result <file>";

    @Override
    StepResult.Step step() {
        return StepResult.Step.RUN;
    }

    @Override
    Set<String> options() {
        return Set.of("inputs", "data");
    }

    @Override
    StepResult execute(Args args, SubmissionDir submission, WorkDir work, PrintStream out) throws Exception {
        Path inputs = args.existingDir("inputs");
        CompileReport compiled = earlierReport(work.compileReport(), CompileReport.class, "the compile step");
        // One line per test on the container's log: the operator reads the last one for live progress.
        Problem problem = new Problem(submission.problemName(), submission.spec(), interactorData(args, submission), null);
        RunReport report = Steps.forThisMachine().run().run(problem, compiled, inputs, work, p -> {
            out.println(p.line());
            out.flush();
        });
        refuseUnprotectedInteraction(problem, report);
        long time = report.tests().stream().mapToLong(t -> t.timeMs() == null ? 0 : t.timeMs()).max().orElse(0);
        long memory = report.tests().stream().mapToLong(t -> t.memoryKiB() == null ? 0 : t.memoryKiB()).max().orElse(0);
        return new StepResult(StepResult.Step.RUN, null, null, null, time, memory, null, report.tests(), report.tests().size(), null,
                new JudgeResult.JudgeInfo(RunnerVersion.get(), compiled.language().id(), compiled.compilerVersion(), report.landlock()), null, null);
    }

    /** Only an interactive problem's run step sees the data (see docs/interactive.md). */
    private static Path interactorData(Args args, SubmissionDir submission) throws CliException {
        boolean interactive = Boolean.TRUE.equals(submission.spec().getInteractive());
        if (!interactive) {
            if (args.option("data").isPresent()) {
                throw CliException.usage("--data is for interactive problems only: the run step of others must not see the answers");
            }
            return null;
        }
        if (args.option("data").isEmpty()) {
            throw CliException.usage("the problem is interactive: its run step needs --data <dir> for the interactor");
        }
        return args.existingDir("data");
    }

    /**
     * In the pod the interactor's data sits in the run container under the program's uid: only
     * Landlock keeps it from the program. Without Landlock no verdict of such a run can be trusted
     * (the program may have read the answers), so the step fails rather than report one.
     */
    static void refuseUnprotectedInteraction(Problem problem, RunReport report) throws CliException {
        boolean interactive = Boolean.TRUE.equals(problem.spec().getInteractive());
        boolean ran = report.tests().stream().anyMatch(t -> t.verdict() != io.kubejudge.model.result.Verdict.SYSTEM_ERROR);
        if (interactive && ran && !Boolean.TRUE.equals(report.landlock())) {
            throw new CliException(CliException.FAILURE, "an interactive problem's data is readable by the program without Landlock, "
                    + "which is not in force here (kernel " + System.getProperty("os.version") + "): no verdict");
        }
    }
}
