package io.kubejudge.runner.sandbox;

/**
 * Resource limits of one launcher batch (every test of the batch gets the same).
 *
 * @param cpuMs           CPU time (user + system, all threads and children)
 * @param wallMs          wall-clock time, for programs that sleep or block
 * @param memoryKiB       peak resident memory
 * @param addressSpace    enforce memory with RLIMIT_AS (fails allocations cleanly); false for
 *                        runtimes that reserve far more address space than they use (JVM, Go),
 *                        which the launcher then polls by resident size instead
 * @param addressSpaceExtraKiB address space granted above {@code memoryKiB} for shared libraries
 *                        and runtime reservations that are mapped but barely touched
 * @param stackKiB        stack size (0: unlimited)
 * @param fileSizeKiB     largest file the program may write, its standard output included
 * @param openFiles       open file descriptors
 * @param extraTasks      processes and threads the program may add to those its uid already has
 *                        (0: no task limit, for when a container's pids limit does this job)
 */
public record SandboxLimits(
        long cpuMs,
        long wallMs,
        long memoryKiB,
        boolean addressSpace,
        long addressSpaceExtraKiB,
        long stackKiB,
        long fileSizeKiB,
        int openFiles,
        int extraTasks) {

    public SandboxLimits {
        if (cpuMs <= 0 || wallMs <= 0 || memoryKiB <= 0 || fileSizeKiB <= 0) {
            throw new IllegalArgumentException("cpu, wall, memory and file size limits must be positive: cpu " + cpuMs
                    + " ms, wall " + wallMs + " ms, memory " + memoryKiB + " KiB, file size " + fileSizeKiB + " KiB");
        }
        if (addressSpaceExtraKiB < 0 || stackKiB < 0 || openFiles < 3 || extraTasks < 0) {
            throw new IllegalArgumentException("bad limits: address space extra " + addressSpaceExtraKiB + " KiB, stack "
                    + stackKiB + " KiB, open files " + openFiles + " (>= 3), extra tasks " + extraTasks + " (>= 0)");
        }
    }

}
