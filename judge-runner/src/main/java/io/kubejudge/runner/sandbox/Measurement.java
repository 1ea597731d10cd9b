package io.kubejudge.runner.sandbox;

/**
 * What the launcher measured for one test: one JSON line of its output.
 *
 * @param nearMemoryLimit the program died (RE) with an address-space limit while its peak memory
 *                        was close to the limit: likely an allocation that failed
 */
public record Measurement(
        String test,
        LaunchStatus status,
        Integer exitCode,
        Integer signal,
        long cpuMs,
        long wallMs,
        long memoryKiB,
        boolean landlock,
        String message,
        boolean nearMemoryLimit) {
}
