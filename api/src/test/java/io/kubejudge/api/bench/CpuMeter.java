package io.kubejudge.api.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by the API (this JVM less the benchmark's own threads and the JIT compiler), by redis-server and by
 * the stand-in API server process. CPU per request does not depend on what else the machine is
 * running, unlike requests per second.
 */
final class CpuMeter {

    /** Linux' USER_HZ: /proc reports process times in these ticks. */
    private static final long TICK_NANOS = 10_000_000;

    record Sample(long apiNanos, long redisNanos, long mockNanos) {
        Sample minus(Sample earlier) {
            return new Sample(apiNanos - earlier.apiNanos, redisNanos - earlier.redisNanos, mockNanos - earlier.mockNanos);
        }
    }

    private final long redisPid;
    private final long mockPid;

    CpuMeter(long redisPid, long mockPid) {
        this.redisPid = redisPid;
        this.mockPid = mockPid;
    }

    Sample sample() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Sample(os.getProcessCpuTime() - benchmarkThreadsCpu(), processCpu(redisPid), processCpu(mockPid));
    }

    private static long benchmarkThreadsCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            // The driver's threads, and the JIT compiler's: steady-state cost, not warm-up.
            if (t != null && (t.getThreadName().startsWith("bench-") || t.getThreadName().startsWith("HttpClient-")
                    || t.getThreadName().contains("CompilerThread"))) {
                long cpu = threads.getThreadCpuTime(t.getThreadId());
                sum += Math.max(0, cpu);
            }
        }
        return sum;
    }

    private static long processCpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat; f[0] is field 3
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
