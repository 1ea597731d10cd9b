package io.kubejudge.runner.sandbox;

/**
 * What the launcher measured for one test: one JSON line of its output.
 *
 * @param nearMemoryLimit the program died (RE) with an address-space limit while its peak memory
 *                        was close to the limit: likely an allocation that failed
 * @param interactor      how the interactor ended (interactive problems only, else null)
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
        boolean nearMemoryLimit,
        InteractorEnd interactor) {

    public Measurement(String test, LaunchStatus status, Integer exitCode, Integer signal, long cpuMs, long wallMs,
                       long memoryKiB, boolean landlock, String message, boolean nearMemoryLimit) {
        this(test, status, exitCode, signal, cpuMs, wallMs, memoryKiB, landlock, message, nearMemoryLimit, null);
    }

    /**
     * The interactor's end, as the launcher saw it.
     *
     * @param exitCode       null when it was killed by a signal or never ran
     * @param first          it ended before the program (problemtools' "validator first")
     * @param killed         it still ran at the wall-clock limit and was killed
     * @param memoryKiB      its resident peak
     * @param memoryExceeded it went over its memory limit (and was killed, or ended over it)
     */
    public record InteractorEnd(Integer exitCode, Integer signal, long cpuMs, boolean first, boolean killed, long memoryKiB,
                                boolean memoryExceeded) {
    }
}
