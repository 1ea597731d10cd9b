package io.kubejudge.api.bench;

import io.kubejudge.testsupport.ProcessCpu;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM, which (with the load driver in a process of its own) is the API's, split
 * by who spent it: the event loops (HTTP in and out, the Kubernetes client's I/O), the worker
 * threads (blocking request handlers), the JIT compilers, GC, and the rest. Read from
 * /proc/self/task rather than ThreadMXBean, which does not list the compiler and GC threads.
 * The JIT is shown but not counted as the API's cost per request: it is warm-up, not steady state.
 */
final class JvmCpu {

    enum Part { EVENT_LOOP, WORKER, JIT, GC, OTHER }

    record Sample(long processNanos, long kernelNanos, long switches, Map<String, Long> threadNanos,
                  Map<String, Part> threadParts) {
    }

    /**
     * CPU used between two samples, per part; how much of it the kernel spent (system calls,
     * scheduling), and how often threads were switched off a core (live threads only).
     */
    record Used(long totalNanos, long kernelNanos, long switches, Map<Part, Long> parts) {
        /** The API's cost: everything but the JIT compilers. */
        long apiNanos() {
            return totalNanos - parts.getOrDefault(Part.JIT, 0L);
        }
    }

    Sample sample() {
        Map<String, Long> cpu = new HashMap<>();
        Map<String, Part> parts = new HashMap<>();
        long switches = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String tid = task.getFileName().toString();
                    String stat = Files.readString(task.resolve("stat"));
                    cpu.put(tid, ticks(stat));
                    parts.put(tid, part(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))));
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/task: the benchmark needs Linux", e);
        }
        // The process total also holds threads that ended, which the tasks no longer show.
        String self;
        try {
            self = Files.readString(Path.of("/proc/self/stat"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Sample(ProcessCpu.nanos(ProcessHandle.current().pid()), field(self, 12), switches, cpu, parts);
    }

    static Used between(Sample before, Sample after) {
        Map<Part, Long> parts = new EnumMap<>(Part.class);
        long threads = 0;
        for (Map.Entry<String, Long> e : after.threadNanos().entrySet()) {
            // A thread that ended in between is missing here; its time stays in the process total (OTHER).
            long delta = e.getValue() - before.threadNanos().getOrDefault(e.getKey(), 0L);
            parts.merge(after.threadParts().get(e.getKey()), delta, Long::sum);
            threads += delta;
        }
        long total = after.processNanos() - before.processNanos();
        parts.merge(Part.OTHER, Math.max(0, total - threads), Long::sum);
        return new Used(total, after.kernelNanos() - before.kernelNanos(), after.switches() - before.switches(), parts);
    }

    /**
     * utime + stime of a task's stat line (fields 14 and 15, in USER_HZ ticks of 10 ms; the name
     * in parentheses may hold spaces). ProcessCpu reads /proc/PID/stat, which for a thread id
     * would be the whole process.
     */
    private static long ticks(String stat) {
        return field(stat, 11) + field(stat, 12);
    }

    /** Field 14 (utime, i = 11) or 15 (stime, i = 12) of a stat line, in nanoseconds. */
    private static long field(String stat, int i) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[i]) * 10_000_000L;
    }

    /** Linux keeps the first 15 characters of a thread's name. */
    private static Part part(String name) {
        if (name.startsWith("vert.x-eventloo")) {
            return Part.EVENT_LOOP;
        }
        if (name.startsWith("executor-thread")) {
            return Part.WORKER;
        }
        if (name.contains("CompilerThre")) {
            return Part.JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return Part.GC;
        }
        return Part.OTHER;
    }
}
