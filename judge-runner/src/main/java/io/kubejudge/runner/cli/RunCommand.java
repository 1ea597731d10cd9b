package io.kubejudge.runner.cli;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.runner.judge.CompileReport;
import io.kubejudge.runner.judge.RunReport;
import io.kubejudge.runner.judge.Steps;
import io.kubejudge.runner.judge.WorkDir;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code run --submission <dir> --inputs <dir> --work <dir> --result <file>}: the pod's second
 * step. Its tests carry a verdict only when the run itself decided one (limits, crashes); the
 * others wait for the check step.
 */
final class RunCommand extends PodStep {

    static final String USAGE = "run --submission <dir> --inputs <dir> --work <dir> --result <file>";

    @Override
    StepResult.Step step() {
        return StepResult.Step.RUN;
    }

    @Override
    Set<String> options() {
        return Set.of("inputs");
    }

    @Override
    StepResult execute(Args args, SubmissionDir submission, WorkDir work, PrintStream out) throws Exception {
        Path inputs = args.existingDir("inputs");
        CompileReport compiled = earlierReport(work.compileReport(), CompileReport.class, "the compile step");
        // One line per test on the container's log: the operator reads the last one for live progress.
        RunReport report = Steps.forThisMachine().run().run(submission.spec(), compiled, inputs, work, p -> {
            out.println(p.line());
            out.flush();
        });
        long time = report.tests().stream().mapToLong(t -> t.timeMs() == null ? 0 : t.timeMs()).max().orElse(0);
        long memory = report.tests().stream().mapToLong(t -> t.memoryKiB() == null ? 0 : t.memoryKiB()).max().orElse(0);
        return new StepResult(StepResult.Step.RUN, null, null, null, time, memory, null, report.tests(), report.tests().size(), null,
                new JudgeResult.JudgeInfo(RunnerVersion.get(), compiled.language().id(), compiled.compilerVersion(), report.landlock()), null, null);
    }
}
