package io.kubejudge.runner.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.problem.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reported time and memory are what the program used: CPU time within 10 %, peak memory within a few MiB. */
class MeasurementAccuracyTest {

    static final String PROGRAM = """
            #define _POSIX_C_SOURCE 200809L
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <time.h>
            static double cpu(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec / 1e9; }
            int main(void) {
                char mode[16]; long amount;
                if (scanf("%15s %ld", mode, &amount) != 2) return 2;
                if (!strcmp(mode, "burn")) { volatile unsigned long x = 0; while (cpu() < amount / 1000.0) x++; }
                if (!strcmp(mode, "touch")) { char *p = malloc(amount << 20); memset(p, 1, amount << 20); printf("%d\\n", p[12345]); }
                puts("done");
                return 0;
            }
            """;

    @TempDir
    static Path dir;
    static JudgeResult result;

    @BeforeAll
    static void judge() throws Exception {
        Problem problem = Fixtures.problem().timeLimitMs(5000).memoryLimitMiB(256)
                .test("burn-500ms", "burn 500\n", "done\n")
                .test("touch-64MiB", "touch 64\n", "1\ndone\n")
                .test("touch-8MiB", "touch 8\n", "1\ndone\n")
                .build(dir);
        result = Fixtures.judge(problem, Language.C, PROGRAM);
        assertThat(result.verdict()).as(Json.write(result)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void halfASecondOfCpuIsReportedAsHalfASecond() {
        TestResult burn = Fixtures.test(result, "burn-500ms");
        assertThat(burn.timeMs()).isBetween(450L, 550L);
    }

    @Test
    void touchingMemoryIsReportedAsPeakResidentMemory() {
        long big = Fixtures.test(result, "touch-64MiB").memoryKiB();
        long small = Fixtures.test(result, "touch-8MiB").memoryKiB();
        assertThat(big).isBetween(64L * 1024, 64L * 1024 + 6 * 1024);
        assertThat(small).isBetween(8L * 1024, 8L * 1024 + 6 * 1024);
        // What separates them is the 56 MiB the program touched, give or take a page or two.
        assertThat(big - small).isBetween(56L * 1024 - 256, 56L * 1024 + 256);
    }

    @Test
    void theSubmissionsTimeAndMemoryAreTheLargestOfItsTests() {
        assertThat(result.timeMs()).isEqualTo(Fixtures.test(result, "burn-500ms").timeMs());
        assertThat(result.memoryKiB()).isEqualTo(Fixtures.test(result, "touch-64MiB").memoryKiB());
    }
}
