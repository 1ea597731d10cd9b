package io.kubejudge.runner.language;

/**
 * Limits of one compilation, whatever the problem: enough for any honest program, small enough
 * that a compile bomb (an endless include, exponential templates) ends as a CompileError quickly.
 *
 * @param messageBytes how much compiler output the result keeps
 */
public record CompileLimits(long cpuMs, long wallMs, long memoryKiB, long outputKiB, int messageBytes, int tasks) {

    public static final CompileLimits DEFAULT = new CompileLimits(15_000, 30_000, 1024 * 1024, 64 * 1024, 8 * 1024, 128);

    public String describeTime() {
        return (cpuMs / 1000.0) + " s of CPU time, " + (wallMs / 1000.0) + " s wall-clock";
    }
}
