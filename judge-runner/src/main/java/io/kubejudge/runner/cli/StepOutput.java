package io.kubejudge.runner.cli;

import io.kubejudge.model.result.NodeFault;
import io.kubejudge.model.result.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a pod step's result to its termination-message file; a step that failed says why there and exits non-zero. */
final class StepOutput {

    private StepOutput() {
    }

    static void write(Path resultFile, StepResult result) throws CliException {
        try {
            Path parent = resultFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(resultFile, TerminationMessage.render(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(CliException.FAILURE, "cannot write the result to " + resultFile + ": " + e.getMessage());
        }
    }

    /** The step could not do its work: the operator reads {@code error} (and judges SystemError). */
    static void failed(Path resultFile, StepResult.Step step, String error) {
        failed(resultFile, step, error, null);
    }

    /** As {@link #failed(Path, StepResult.Step, String)}, naming the node's fault when it is one. */
    static void failed(Path resultFile, StepResult.Step step, String error, NodeFault nodeFault) {
        StepResult result = new StepResult(step, null, null, null, null, null, null, null, null, null, null, error, nodeFault);
        try {
            write(resultFile, result);
        } catch (CliException e) {
            // Nothing more to be done: the non-zero exit code still tells the operator.
        }
    }
}
