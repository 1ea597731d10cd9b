package io.kubejudge.runner.cli;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.runner.judge.CompileReport;
import io.kubejudge.runner.judge.Json;
import io.kubejudge.runner.judge.RunReport;
import io.kubejudge.runner.judge.Steps;
import io.kubejudge.runner.judge.WorkDir;
import io.kubejudge.runner.problem.Problem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code check --submission <dir> --data <dir> --work <dir> --result <file>}: the pod's last step,
 * the only one that sees the answers ({@code <data>/<test>.in}, {@code <data>/<test>.ans}, and the
 * checker source under its configMapKey). Prints the full {@code JudgeResult} on stdout (the
 * container log keeps what the termination message cannot).
 */
final class CheckCommand extends PodStep {

    static final String USAGE = "check --submission <dir> --data <dir> --work <dir> --result <file>";

    @Override
    StepResult.Step step() {
        return StepResult.Step.CHECK;
    }

    @Override
    Set<String> options() {
        return Set.of("data");
    }

    @Override
    StepResult execute(Args args, SubmissionDir submission, WorkDir work, PrintStream out) throws Exception {
        Path data = args.existingDir("data");
        CompileReport compiled = earlierReport(work.compileReport(), CompileReport.class, "the compile and run steps");
        RunReport ran = earlierReport(work.runReport(), RunReport.class, "the compile and run steps");
        // No local checker source: the checkers find it inline in the spec or under its configMapKey in the data.
        Problem problem = new Problem(submission.problemName(), submission.spec(), data, null);
        JudgeResult result = Steps.forThisMachine().check().check(problem, compiled, ran, work, RunnerVersion.get());
        out.println(Json.write(result));
        return new StepResult(StepResult.Step.CHECK, result.verdict(), result.score(), result.maxScore(), result.timeMs(),
                result.memoryKiB(), result.compile(), result.tests(), result.tests().size(), null, result.judge(), null, null);
    }
}
