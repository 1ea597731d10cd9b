package io.kubejudge.operator.result;

import io.kubejudge.model.result.StepResult;

/**
 * What one finished container of a judge pod left behind: its exit code and its termination
 * message, parsed as a StepResult when it is one ({@code result} null and {@code problem} set
 * otherwise).
 */
public record StepOutcome(String container, int exitCode, String reason, StepResult result, String problem) {

    public boolean parsed() {
        return result != null;
    }
}
