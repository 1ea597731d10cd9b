package io.kubejudge.runner.cli;

import io.kubejudge.model.result.NodeFault;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.runner.judge.Json;
import io.kubejudge.runner.judge.WorkDir;
import io.kubejudge.runner.sandbox.LandlockUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The skeleton shared by the three pod steps: parse the options, open the submission
 * ({@code --submission}) and the work directory ({@code --work}) that every step uses, do the
 * work, and whatever goes wrong, leave a result file that says so (the operator must never find
 * an empty termination message) and exit non-zero.
 */
abstract class PodStep {

    abstract StepResult.Step step();

    /** The step's own options, besides submission, work and result. */
    abstract Set<String> options();

    /** Does the step's work and returns what goes into the termination message. */
    abstract StepResult execute(Args args, SubmissionDir submission, WorkDir work, PrintStream out) throws Exception;

    /**
     * A report an earlier step left in the work directory; missing means the steps ran out of
     * order or with another {@code --work}, which is the caller's mistake (a usage error).
     */
    static <T> T earlierReport(Path report, Class<T> type, String stepsToRunFirst) throws CliException, IOException {
        if (!Files.isRegularFile(report)) {
            throw CliException.usage(report + " is missing: run " + stepsToRunFirst + " first with the same --work");
        }
        return Json.readFile(report, type);
    }

    final int run(List<String> argv, PrintStream out, PrintStream err) throws CliException {
        Set<String> all = new HashSet<>(options());
        all.addAll(Set.of("submission", "work", "result"));
        Args args = Args.parse(argv, all, Set.of());
        Path result = Path.of(args.required("result"));
        try {
            if (!args.positional().isEmpty()) {
                throw CliException.usage("unexpected argument " + args.positional().get(0));
            }
            SubmissionDir submission = SubmissionDir.load(args.existingDir("submission"));
            WorkDir work = new WorkDir(Path.of(args.required("work")));
            StepOutput.write(result, execute(args, submission, work, out));
            return 0;
        } catch (CliException e) {
            StepOutput.failed(result, step(), e.getMessage());
            throw e;
        } catch (LandlockUnavailableException e) {
            // The node's fault, not the submission's: the operator requeues and marks the pool Degraded.
            StepOutput.failed(result, step(), e.getMessage(), new NodeFault(NodeFault.LANDLOCK_UNAVAILABLE,
                    "Landlock is unavailable on the node's kernel " + e.kernelRelease() + " (uname -r): " + e.getMessage()));
            throw new CliException(CliException.FAILURE, step().name().toLowerCase(java.util.Locale.ROOT) + " step refused: " + e.getMessage());
        } catch (Exception e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            StepOutput.failed(result, step(), message);
            throw new CliException(CliException.FAILURE, step().name().toLowerCase(java.util.Locale.ROOT) + " step failed: " + message);
        }
    }
}
