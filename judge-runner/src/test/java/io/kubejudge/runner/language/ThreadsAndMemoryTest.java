package io.kubejudge.runner.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.judge.Fixtures;
import io.kubejudge.runner.judge.Json;
import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.sandbox.Containment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ordinary multithreaded programs run in every language; the CPU time of all threads counts
 * toward the limit; an allocation the memory limit refuses, followed by the program's death, is
 * MemoryLimitExceeded (as DMOJ reports it), not RuntimeError.
 */
class ThreadsAndMemoryTest {

    @TempDir
    static Path dir;
    static Problem problem;

    static final Map<Language, String> FOUR_THREADS = Map.of(
            Language.C, """
                    #include <pthread.h>
                    #include <stdio.h>
                    #include <stdlib.h>
                    static long sums[4];
                    static void *work(void *arg) {
                        long i = (long) arg, *buf = malloc(1 << 20);
                        for (long j = 0; j < (1 << 17); j++) { buf[j] = j; sums[i] += buf[j]; }
                        free(buf);
                        return NULL;
                    }
                    int main(void) {
                        pthread_t t[4];
                        for (long i = 0; i < 4; i++) if (pthread_create(&t[i], NULL, work, (void *) i)) { puts("no thread"); return 1; }
                        for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
                        printf("%s\\n", sums[0] == sums[3] ? "ok" : "bad");
                        return 0;
                    }
                    """,
            Language.CPP, """
                    #include <iostream>
                    #include <thread>
                    #include <vector>
                    int main() {
                        std::vector<long> sums(4);
                        std::vector<std::thread> threads;
                        for (int i = 0; i < 4; i++) threads.emplace_back([&sums, i] {
                            std::vector<long> v(1 << 17);
                            for (size_t j = 0; j < v.size(); j++) { v[j] = j; sums[i] += v[j]; }
                        });
                        for (auto &t : threads) t.join();
                        std::cout << (sums[0] == sums[3] ? "ok" : "bad") << std::endl;
                    }
                    """,
            Language.JAVA, """
                    public class Main {
                        public static void main(String[] args) throws Exception {
                            long[] sums = new long[4];
                            Thread[] threads = new Thread[4];
                            for (int i = 0; i < 4; i++) {
                                int k = i;
                                threads[i] = new Thread(() -> { for (long j = 0; j < (1 << 17); j++) sums[k] += j; });
                                threads[i].start();
                            }
                            for (Thread t : threads) t.join();
                            System.out.println(sums[0] == sums[3] ? "ok" : "bad");
                        }
                    }
                    """,
            Language.PYTHON, """
                    import threading
                    sums = [0] * 4
                    def work(i):
                        sums[i] = sum(range(1 << 15))
                    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
                    for t in threads: t.start()
                    for t in threads: t.join()
                    print("ok" if sums[0] == sums[3] else "bad")
                    """,
            Language.GO, """
                    package main

                    import (
                    \t"fmt"
                    \t"sync"
                    )

                    func main() {
                    \tsums := make([]int, 4)
                    \tvar wg sync.WaitGroup
                    \tfor i := 0; i < 4; i++ {
                    \t\twg.Add(1)
                    \t\tgo func(k int) {
                    \t\t\tdefer wg.Done()
                    \t\t\tfor j := 0; j < 1<<17; j++ {
                    \t\t\t\tsums[k] += j
                    \t\t\t}
                    \t\t}(i)
                    \t}
                    \twg.Wait()
                    \tif sums[0] == sums[3] {
                    \t\tfmt.Println("ok")
                    \t} else {
                    \t\tfmt.Println("bad")
                    \t}
                    }
                    """);

    /** Asks for far more than the limit, does not check, and dies of it. */
    static final Map<Language, String> REFUSED_ALLOCATION = Map.of(
            Language.C, """
                    #include <stdio.h>
                    #include <stdlib.h>
                    #include <string.h>
                    int main(void) {
                        size_t n = (size_t) 1 << 31;
                        char *volatile p = malloc(n); /* volatile: gcc may not fold the unused buffer away */
                        memset(p, 1, n);
                        printf("%d\\n", p[n - 1]);
                        return 0;
                    }
                    """,
            Language.CPP, """
                    #include <cstdio>
                    #include <vector>
                    int main() {
                        std::vector<char> v((size_t) 1 << 31, 1);
                        std::printf("%d\\n", v.back());
                    }
                    """,
            Language.JAVA, """
                    public class Main {
                        public static void main(String[] args) {
                            long[] a = new long[1 << 30];
                            System.out.println(a[a.length - 1]);
                        }
                    }
                    """,
            Language.PYTHON, """
                    b = bytearray(1 << 31)
                    print(b[-1])
                    """,
            Language.GO, """
                    package main

                    import "fmt"

                    func main() {
                    \tb := make([]byte, 1<<45)
                    \tb[len(b)-1] = 1
                    \tfmt.Println(b[len(b)-1])
                    }
                    """);

    @BeforeAll
    static void makeProblem() throws Exception {
        Containment.require();
        problem = Fixtures.problem().timeLimitMs(2000).memoryLimitMiB(128).test("t", "", "ok\n").build(dir);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void fourThreadsRun(Language language) throws Exception {
        JudgeResult result = Fixtures.judge(problem, language, EveryVerdictEveryLanguageTest.source(FOUR_THREADS, language));
        assertThat(result.verdict()).as(Json.write(result)).isEqualTo(Verdict.ACCEPTED);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aRefusedAllocationIsMemoryLimitExceeded(Language language) throws Exception {
        JudgeResult result = Fixtures.judge(problem, language, EveryVerdictEveryLanguageTest.source(REFUSED_ALLOCATION, language));
        TestResult t = Fixtures.test(result, "t");
        assertThat(t.verdict()).as(Json.write(result)).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        assertThat(t.message()).contains("memory limit of");
    }

    /** A C program that checks and exits with a code of its own is MemoryLimitExceeded too. */
    @Test
    void aCheckedRefusalThatExitsIsMemoryLimitExceeded() throws Exception {
        JudgeResult result = Fixtures.judge(problem, Language.C, """
                #include <stdlib.h>
                int main(void) { char *p = calloc((size_t) 1 << 31, 1); if (!p) return 3; return p[7]; }
                """);
        assertThat(Fixtures.test(result, "t").verdict()).as(Json.write(result)).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
    }

    /**
     * Nor do more processes: two children of 0.6 s of CPU each, waited for, against a 1 s limit. The
     * run step refuses children (docs/security.md), so the program then does that work itself.
     */
    @Test
    void theCpuTimeOfChildrenCounts() throws Exception {
        Problem oneSecond = Fixtures.problem().timeLimitMs(1000).memoryLimitMiB(128).test("t", "", "ok\n").build(dir.resolve("children"));
        JudgeResult result = Fixtures.judge(oneSecond, Language.C, """
                #include <stdio.h>
                #include <sys/wait.h>
                #include <time.h>
                #include <unistd.h>
                int main(void) {
                    for (int i = 0; i < 2; i++) {
                        pid_t p = fork(); /* refused in the run step: then the program does the work itself */
                        if (p <= 0) {
                            struct timespec ts;
                            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
                            long start = ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
                            volatile unsigned long x = 0;
                            do {
                                for (int j = 0; j < 100000; j++) x++;
                                clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
                            } while (ts.tv_sec * 1000 + ts.tv_nsec / 1000000 - start < 600);
                            if (p == 0) _exit(0);
                        }
                    }
                    while (wait(NULL) > 0) { }
                    puts("ok");
                    return 0;
                }
                """);
        TestResult t = Fixtures.test(result, "t");
        assertThat(t.verdict()).as(Json.write(result)).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
    }

    /** More threads never buy more time: 4 x 0.4 s of CPU against a 1 s limit. */
    @Test
    void theCpuTimeOfAllThreadsCounts() throws Exception {
        Problem oneSecond = Fixtures.problem().timeLimitMs(1000).memoryLimitMiB(128).test("t", "", "ok\n").build(dir.resolve("one-second"));
        JudgeResult result = Fixtures.judge(oneSecond, Language.C, """
                #include <pthread.h>
                #include <stdio.h>
                #include <time.h>
                static void *burn(void *arg) {
                    struct timespec ts;
                    volatile unsigned long x = 0;
                    do {
                        for (int i = 0; i < 100000; i++) x++;
                        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
                    } while (ts.tv_sec * 1000 + ts.tv_nsec / 1000000 < 400);
                    return NULL;
                }
                int main(void) {
                    pthread_t t[4];
                    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, burn, NULL);
                    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
                    puts("ok");
                    return 0;
                }
                """);
        TestResult t = Fixtures.test(result, "t");
        assertThat(t.verdict()).as(Json.write(result)).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        if (t.message().startsWith("CPU")) {
            assertThat(t.timeMs()).isGreaterThanOrEqualTo(1000);
        }
    }
}
