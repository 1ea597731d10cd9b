package io.kubejudge.runner.cli;

import io.kubejudge.api.result.StepResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The skeleton shared by the three pod steps: parse the options, do the work, and whatever goes
 * wrong, leave a result file that says so (the operator must never find an empty termination
 * message) and exit non-zero.
 */
abstract class PodStep {

    abstract StepResult.Step step();

    abstract Set<String> options();

    /** Does the step's work and returns what goes into the termination message. */
    abstract StepResult execute(Args args, PrintStream out) throws Exception;

    final int run(List<String> argv, PrintStream out, PrintStream err) throws CliException {
        Args args = Args.parse(argv, options(), Set.of());
        Path result = Path.of(args.required("result"));
        try {
            if (!args.positional().isEmpty()) {
                throw CliException.usage("unexpected argument " + args.positional().get(0));
            }
            StepOutput.write(result, execute(args, out));
            return 0;
        } catch (CliException e) {
            StepOutput.failed(result, step(), e.getMessage());
            throw e;
        } catch (Exception e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            StepOutput.failed(result, step(), message);
            throw new CliException(CliException.FAILURE, step().name().toLowerCase(java.util.Locale.ROOT) + " step failed: " + message);
        }
    }
}
