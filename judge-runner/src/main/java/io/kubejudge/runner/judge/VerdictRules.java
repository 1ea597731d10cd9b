package io.kubejudge.runner.judge;

import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.language.LanguageDefinition;
import io.kubejudge.runner.sandbox.Measurement;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Turns what the launcher measured into a test's verdict before any output is checked. The
 * launcher knows limits; only the language knows that {@code std::bad_alloc} or
 * {@code MemoryError} on standard error is a memory problem rather than a crash.
 */
final class VerdictRules {

    /** How much of the start and of the end of standard error is searched for out-of-memory messages. */
    private static final int STDERR_WINDOW = 64 * 1024;

    private VerdictRules() {
    }

    /** The test's result; its verdict is null when the program ended normally (the checker decides). */
    static TestResult classify(Measurement m, LanguageDefinition language, RunLimits limits, Path stdout, Path stderr) {
        Verdict verdict;
        String message;
        long timeMs = m.cpuMs();
        switch (m.status()) {
            case OK -> {
                verdict = null;
                message = null;
            }
            case TLE -> {
                verdict = Verdict.TIME_LIMIT_EXCEEDED;
                if (m.message() != null && m.message().contains("wall")) {
                    message = "wall-clock limit of " + limits.wallMs() + " ms exceeded (the program was waiting, or the machine is overloaded)";
                } else {
                    message = "CPU time limit of " + limits.cpuMs() + " ms exceeded";
                    // The launcher stops the program on its precise CPU clock; the accounting
                    // read after the kill can come out a little lower. Never show TLE under the limit.
                    timeMs = Math.max(timeMs, limits.cpuMs());
                }
            }
            case MLE -> {
                verdict = Verdict.MEMORY_LIMIT_EXCEEDED;
                message = memoryMessage(limits);
            }
            case OLE -> {
                verdict = Verdict.OUTPUT_LIMIT_EXCEEDED;
                message = m.message() != null && m.message().startsWith("disk limit")
                        ? "disk limit of " + mib(limits.diskKiB()) + " MiB (all outputs and the scratch directory) exceeded"
                        : outputMessage(limits);
            }
            case RE -> {
                if (outOfMemory(m, language, stderr)) {
                    verdict = Verdict.MEMORY_LIMIT_EXCEEDED;
                    message = memoryMessage(limits) + " (an allocation failed)";
                } else {
                    verdict = Verdict.RUNTIME_ERROR;
                    message = m.signal() != null ? "killed by signal " + m.signal() + " (" + m.message() + ")"
                            : "exit code " + m.exitCode();
                }
            }
            default -> {
                verdict = Verdict.SYSTEM_ERROR;
                message = "the sandbox could not run the program: " + m.message();
            }
        }
        // The JVM and Go ignore SIGXFSZ: their writes fail at the output limit, and they go on
        // (until the time limit) or crash. Reaching the limit is what happened first.
        if (verdict != Verdict.SYSTEM_ERROR && verdict != Verdict.OUTPUT_LIMIT_EXCEEDED && reachedOutputLimit(limits, stdout, stderr)) {
            verdict = Verdict.OUTPUT_LIMIT_EXCEEDED;
            message = outputMessage(limits);
        }
        return new TestResult(m.test(), verdict, timeMs, m.memoryKiB(), m.exitCode(), m.signal(), verdict == null ? null : 0.0, message);
    }

    private static boolean reachedOutputLimit(RunLimits limits, Path stdout, Path stderr) {
        long limit = limits.outputKiB() * 1024;
        return size(stdout) >= limit || size(stderr) >= limit;
    }

    private static boolean outOfMemory(Measurement m, LanguageDefinition language, Path stderr) {
        if (language.addressSpaceLimited() && m.nearMemoryLimit()) {
            return true;
        }
        if (language.outOfMemoryMarkers().isEmpty()) {
            return false;
        }
        String text = stderrWindow(stderr);
        return language.outOfMemoryMarkers().stream().anyMatch(text::contains);
    }

    /** The start and the end of standard error: a flood of output must not make this slow. */
    private static String stderrWindow(Path stderr) {
        try (RandomAccessFile f = new RandomAccessFile(stderr.toFile(), "r")) {
            long length = f.length();
            if (length <= 2L * STDERR_WINDOW) {
                byte[] all = new byte[(int) length];
                f.readFully(all);
                return new String(all, StandardCharsets.UTF_8);
            }
            byte[] head = new byte[STDERR_WINDOW];
            byte[] tail = new byte[STDERR_WINDOW];
            f.readFully(head);
            f.seek(length - STDERR_WINDOW);
            f.readFully(tail);
            return new String(head, StandardCharsets.UTF_8) + "\n" + new String(tail, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static long size(Path file) {
        // 0 for a file that is not there, without an exception per test: the launcher does not
        // keep a stderr file the program left empty.
        return file.toFile().length();
    }

    private static String memoryMessage(RunLimits limits) {
        return "memory limit of " + mib(limits.memoryKiB()) + " MiB exceeded";
    }

    private static String outputMessage(RunLimits limits) {
        return "output limit of " + mib(limits.outputKiB()) + " MiB exceeded";
    }

    private static String mib(long kib) {
        return kib % 1024 == 0 ? String.valueOf(kib / 1024) : String.format(java.util.Locale.ROOT, "%.1f", kib / 1024.0);
    }
}
