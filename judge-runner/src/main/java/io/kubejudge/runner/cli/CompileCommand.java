package io.kubejudge.runner.cli;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.judge.CompileReport;
import io.kubejudge.runner.judge.Steps;
import io.kubejudge.runner.judge.WorkDir;
import java.io.PrintStream;
import java.util.Set;

/** {@code compile --submission <dir> --work <dir> --result <file>}: the pod's first step. */
final class CompileCommand extends PodStep {

    static final String USAGE = "compile --submission <dir> --work <dir> --result <file>";

    @Override
    StepResult.Step step() {
        return StepResult.Step.COMPILE;
    }

    @Override
    Set<String> options() {
        return Set.of();
    }

    @Override
    StepResult execute(Args args, SubmissionDir submission, WorkDir work, PrintStream out) throws Exception {
        CompileReport report = Steps.forThisMachine().compile().compile(submission.spec(), submission.language(), submission.source(), work);
        return new StepResult(StepResult.Step.COMPILE, report.succeeded() ? null : Verdict.COMPILE_ERROR, null, null, null,
                report.memoryKiB(), report.compile(), null, null, null,
                new JudgeResult.JudgeInfo(RunnerVersion.get(), report.language().id(), report.compilerVersion(), null), null, null);
    }
}
