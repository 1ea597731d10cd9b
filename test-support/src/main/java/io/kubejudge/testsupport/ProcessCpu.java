package io.kubejudge.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of another process, from Linux' /proc. Benchmarks run what they
 * measure in processes of their own and read this, which does not depend on what else the
 * machine is running (unlike requests per second).
 */
public final class ProcessCpu {

    /** Linux' USER_HZ: /proc reports process times in these ticks. */
    private static final long TICK_NANOS = 10_000_000;

    private ProcessCpu() {
    }

    /** CPU nanoseconds used so far by process {@code pid}, or 0 when it is gone or unreadable. */
    public static long nanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: count from its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat; f[0] is field 3
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
