package io.kubejudge.runner.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.language.Languages;
import io.kubejudge.runner.sandbox.LaunchStatus;
import io.kubejudge.runner.sandbox.Measurement;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictRulesTest {

    @TempDir
    Path dir;
    Path out;
    Path err;
    final RunLimits limits = new RunLimits(1000, 3000, 65536, 1024, RunLimits.DEFAULT_DISK_MIB * 1024);

    @BeforeEach
    void files() throws Exception {
        out = Files.writeString(dir.resolve("t.out"), "");
        err = Files.writeString(dir.resolve("t.err"), "");
    }

    private static Measurement m(LaunchStatus status, Integer exit, Integer signal, String message, boolean near) {
        return new Measurement("t", status, exit, signal, 120, 130, 5000, true, message, near);
    }

    private TestResult classify(Language language, Measurement m) {
        return VerdictRules.classify(m, Languages.of(language), limits, out, err);
    }

    @Test
    void aNormalEndLeavesTheVerdictToTheChecker() {
        TestResult r = classify(Language.C, m(LaunchStatus.OK, 0, null, "", false));
        assertThat(r.verdict()).isNull();
        assertThat(r.timeMs()).isEqualTo(120);
        assertThat(r.memoryKiB()).isEqualTo(5000);
    }

    @Test
    void crashesNameTheirSignalOrExitCode() {
        TestResult segv = classify(Language.C, m(LaunchStatus.RE, null, 11, "SIGSEGV", false));
        assertThat(segv.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
        assertThat(segv.message()).isEqualTo("killed by signal 11 (SIGSEGV)");
        TestResult exit = classify(Language.PYTHON, m(LaunchStatus.RE, 1, null, "exit code 1", false));
        assertThat(exit.message()).isEqualTo("exit code 1");
    }

    @Test
    void outOfMemoryMessagesMeanMemoryLimitExceeded() throws Exception {
        Files.writeString(err, "terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc\n");
        assertThat(classify(Language.CPP, m(LaunchStatus.RE, null, 6, "SIGABRT", false)).verdict()).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        Files.writeString(err, "Traceback (most recent call last):\nMemoryError\n");
        assertThat(classify(Language.PYTHON, m(LaunchStatus.RE, 1, null, "", false)).verdict()).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        Files.writeString(err, "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n");
        assertThat(classify(Language.JAVA, m(LaunchStatus.RE, 1, null, "", false)).verdict()).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        Files.writeString(err, "fatal error: runtime: out of memory\n");
        assertThat(classify(Language.GO, m(LaunchStatus.RE, 2, null, "", false)).verdict()).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        // Another language's message means nothing: a C program printing it just crashed.
        Files.writeString(err, "MemoryError\n");
        assertThat(classify(Language.C, m(LaunchStatus.RE, 1, null, "", false)).verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    }

    @Test
    void aCrashNearTheAddressSpaceLimitIsAFailedAllocation() {
        assertThat(classify(Language.C, m(LaunchStatus.RE, null, 11, "SIGSEGV", true)).verdict()).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        // Java has no address-space limit: the launcher's hint does not apply.
        assertThat(classify(Language.JAVA, m(LaunchStatus.RE, 1, null, "", true)).verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
    }

    @Test
    void reachingTheOutputLimitWinsOverWhatFollowed() throws Exception {
        Files.write(out, new byte[1024 * 1024]);
        assertThat(classify(Language.JAVA, m(LaunchStatus.TLE, null, 9, "CPU time limit exceeded", false)).verdict())
                .isEqualTo(Verdict.OUTPUT_LIMIT_EXCEEDED);
        assertThat(classify(Language.GO, m(LaunchStatus.RE, 2, null, "", false)).message()).isEqualTo("output limit of 1 MiB exceeded");
    }

    @Test
    void timeLimitsTellCpuFromWallClock() {
        TestResult cpu = classify(Language.C, new Measurement("t", LaunchStatus.TLE, null, 9, 990, 1000, 100, true, "CPU time limit exceeded", false));
        assertThat(cpu.message()).isEqualTo("CPU time limit of 1000 ms exceeded");
        assertThat(cpu.timeMs()).as("never reported under the limit").isEqualTo(1000);
        TestResult wall = classify(Language.C, new Measurement("t", LaunchStatus.TLE, null, 9, 3, 3000, 100, true, "wall-clock limit exceeded", false));
        assertThat(wall.message()).startsWith("wall-clock limit of 3000 ms exceeded");
        assertThat(wall.timeMs()).isEqualTo(3);
    }

    @Test
    void launcherFailuresAreSystemErrors() {
        TestResult se = classify(Language.C, m(LaunchStatus.SE, null, null, "execve /w/build/program: No such file or directory", false));
        assertThat(se.verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(se.message()).contains("No such file");
    }
}
