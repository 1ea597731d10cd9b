package io.kubejudge.api.bench;

import io.kubejudge.testsupport.ProcessCpu;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time used by the API (this JVM less the benchmark's own threads and the JIT compiler), by redis-server and by
 * the stand-in API server process. CPU per request does not depend on what else the machine is
 * running, unlike requests per second.
 */
final class CpuMeter {

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
        return new Sample(os.getProcessCpuTime() - benchmarkThreadsCpu(), ProcessCpu.nanos(redisPid), ProcessCpu.nanos(mockPid));
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
}
