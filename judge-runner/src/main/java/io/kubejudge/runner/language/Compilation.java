package io.kubejudge.runner.language;

import io.kubejudge.model.result.CompileResult;

/**
 * The outcome of building a program.
 *
 * @param message compiler output (truncated, with the build's directories stripped), or the limit
 *                that stopped it
 */
public record Compilation(boolean success, String message, long timeMs, long memoryKiB) {

    public CompileResult toResult() {
        return new CompileResult(success, message == null || message.isEmpty() ? null : message, timeMs);
    }
}
