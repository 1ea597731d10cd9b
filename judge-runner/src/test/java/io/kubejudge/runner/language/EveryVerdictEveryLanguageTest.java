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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every verdict in every language, through the real compilers, launcher and checker. One program
 * per language does what its input asks (add, answer wrongly, loop, allocate, crash, flood), so
 * each language compiles once; a second, broken source gives the CompileError.
 */
class EveryVerdictEveryLanguageTest {

    @TempDir
    static Path dir;
    static Problem problem;

    static final Map<Language, String> PROGRAMS = Map.of(
            Language.C, """
                    #include <stdio.h>
                    #include <stdlib.h>
                    #include <string.h>
                    int main(void) {
                        char mode[16]; long long a, b;
                        if (scanf("%15s %lld %lld", mode, &a, &b) != 3) return 2;
                        if (!strcmp(mode, "add")) printf("%lld\\n", a + b);
                        else if (!strcmp(mode, "wrong")) printf("%lld\\n", a + b + 1);
                        else if (!strcmp(mode, "loop")) { volatile unsigned long x = 0; for (;;) x++; }
                        else if (!strcmp(mode, "alloc")) { for (;;) { char *p = malloc(1 << 20); if (!p) return 3; memset(p, 1, 1 << 20); } }
                        else if (!strcmp(mode, "crash")) { volatile int *volatile p = 0; *p = 1; }
                        else if (!strcmp(mode, "flood")) { for (;;) fputs("0123456789012345678901234567890123456789\\n", stdout); }
                        return 0;
                    }
                    """,
            Language.CPP, """
                    #include <iostream>
                    #include <string>
                    #include <vector>
                    int main() {
                        std::string mode; long long a, b;
                        std::cin >> mode >> a >> b;
                        if (mode == "add") std::cout << a + b << "\\n";
                        else if (mode == "wrong") std::cout << a + b + 1 << "\\n";
                        else if (mode == "loop") { volatile unsigned long x = 0; for (;;) x++; }
                        else if (mode == "alloc") { std::vector<char> v(512u << 20, 1); std::cout << (int) v.back() << "\\n"; }
                        else if (mode == "crash") { volatile int *volatile p = nullptr; *p = 1; }
                        else if (mode == "flood") { for (;;) std::cout << "0123456789012345678901234567890123456789\\n"; }
                    }
                    """,
            Language.JAVA, """
                    import java.util.*;
                    public class Solution {
                        static final class Helper { static long twice(long x) { return 2 * x; } }
                        public static void main(String[] args) {
                            Scanner in = new Scanner(System.in);
                            String mode = in.next(); long a = in.nextLong(), b = in.nextLong();
                            switch (mode) {
                                case "add" -> System.out.println(a + b);
                                case "wrong" -> System.out.println(Helper.twice(a + b));
                                case "loop" -> { long x = 0; while (true) { x++; if (x == -1) System.out.println(x); } }
                                case "alloc" -> { List<byte[]> keep = new ArrayList<>(); while (true) keep.add(new byte[1 << 20]); }
                                case "crash" -> throw new IllegalStateException("boom");
                                case "flood" -> { while (true) System.out.println("0123456789012345678901234567890123456789"); }
                                default -> System.exit(2);
                            }
                        }
                    }
                    """,
            Language.PYTHON, """
                    mode, a, b = input().split()
                    a, b = int(a), int(b)
                    if mode == "add":
                        print(a + b)
                    elif mode == "wrong":
                        print(a - b)
                    elif mode == "loop":
                        while True:
                            pass
                    elif mode == "alloc":
                        keep = bytearray(512 << 20)
                    elif mode == "crash":
                        print(1 // (a - a))
                    elif mode == "flood":
                        while True:
                            print("0123456789012345678901234567890123456789")
                    """,
            Language.GO, """
                    package main

                    import (
                    \t"bufio"
                    \t"fmt"
                    \t"os"
                    )

                    var sink [][]byte

                    func main() {
                    \tvar mode string
                    \tvar a, b int64
                    \tfmt.Scan(&mode, &a, &b)
                    \tw := bufio.NewWriter(os.Stdout)
                    \tdefer w.Flush()
                    \tswitch mode {
                    \tcase "add":
                    \t\tfmt.Fprintln(w, a+b)
                    \tcase "wrong":
                    \t\tfmt.Fprintln(w, a*b)
                    \tcase "loop":
                    \t\tx := 0
                    \t\tfor {
                    \t\t\tx++
                    \t\t}
                    \tcase "alloc":
                    \t\tfor {
                    \t\t\tchunk := make([]byte, 1<<20)
                    \t\t\tfor i := range chunk {
                    \t\t\t\tchunk[i] = 1
                    \t\t\t}
                    \t\t\tsink = append(sink, chunk)
                    \t\t}
                    \tcase "crash":
                    \t\tvar m map[string]int
                    \t\tm["x"] = 1
                    \tcase "flood":
                    \t\tfor {
                    \t\t\tfmt.Fprintln(w, "0123456789012345678901234567890123456789")
                    \t\t}
                    \t}
                    }
                    """);

    static final Map<Language, String> BROKEN = Map.of(
            Language.C, "int main(void) { return undeclared_name; }\n",
            Language.CPP, "int main() { std::vector<int> v; }\n",
            Language.JAVA, "public class Broken { public static void main(String[] a) { int x = \"text\"; } }\n",
            Language.PYTHON, "def main(:\n    pass\n",
            Language.GO, "package main\n\nfunc main() {\n\tx := 1\n}\n");

    @BeforeAll
    static void makeProblem() throws Exception {
        Containment.require();
        Fixtures.ProblemBuilder b = Fixtures.problem().timeLimitMs(1000).memoryLimitMiB(64).outputLimitMiB(1)
                .test("add", "add 2 3\n", "5\n")
                .test("wrong", "wrong 2 3\n", "5\n")
                .test("loop", "loop 0 0\n", "0\n")
                .test("alloc", "alloc 0 0\n", "0\n")
                .test("crash", "crash 0 0\n", "0\n")
                .test("flood", "flood 0 0\n", "0\n");
        // Measure the languages, not their default handicaps: one second for everybody.
        for (Language l : Language.values()) {
            b.multipliers(l, 1.0, l == Language.JAVA ? 2.0 : 1.0);
        }
        problem = b.build(dir);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void eachBehaviourGetsItsVerdict(Language language) throws Exception {
        JudgeResult result = Fixtures.judge(problem, language, source(PROGRAMS, language));

        assertThat(result.compile().success()).as("compiles: %s", result.compile().message()).isTrue();
        assertThat(result.judge().compilerVersion()).isNotBlank().doesNotStartWith("unknown");
        assertThat(verdicts(result)).as(Json.write(result)).containsExactly(
                Map.entry("add", Verdict.ACCEPTED),
                Map.entry("wrong", Verdict.WRONG_ANSWER),
                Map.entry("loop", Verdict.TIME_LIMIT_EXCEEDED),
                Map.entry("alloc", Verdict.MEMORY_LIMIT_EXCEEDED),
                Map.entry("crash", Verdict.RUNTIME_ERROR),
                Map.entry("flood", Verdict.OUTPUT_LIMIT_EXCEEDED));
        assertThat(result.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(result.score()).isEqualTo(1.0);
        assertThat(result.maxScore()).isEqualTo(6.0);

        TestResult loop = Fixtures.test(result, "loop");
        // On an overloaded machine the loop may get less than its second of CPU in the 3 s of wall-clock time.
        if (loop.message().startsWith("CPU")) {
            // Up to the launcher's RLIMIT_CPU backstop (limit + 1 s), should its polling be starved.
            assertThat(loop.timeMs()).as(Json.write(loop)).isBetween(1000L, 2100L);
        } else {
            assertThat(loop.message()).as(Json.write(loop)).contains("wall-clock limit of 3000 ms");
        }
        TestResult crash = Fixtures.test(result, "crash");
        if (Languages.of(language) instanceof CLanguage) {
            assertThat(crash.signal()).isEqualTo(11);
            assertThat(crash.message()).contains("SIGSEGV");
        } else {
            assertThat(crash.exitCode()).isNotZero();
            assertThat(crash.message()).startsWith("exit code ");
        }
        assertThat(Fixtures.test(result, "alloc").message()).contains("memory limit of");
        assertThat(Fixtures.test(result, "flood").message()).contains("output limit of 1 MiB");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void brokenSourceIsCompileError(Language language) throws Exception {
        JudgeResult result = Fixtures.judge(problem, language, source(BROKEN, language));

        assertThat(result.verdict()).isEqualTo(Verdict.COMPILE_ERROR);
        assertThat(result.compile().success()).isFalse();
        assertThat(result.compile().message()).isNotBlank().doesNotContain(dir.toString());
        assertThat(result.tests()).isEmpty();
        assertThat(result.score()).isZero();
        assertThat(result.maxScore()).isEqualTo(6.0);
    }

    /**
     * The test program of a language, else of the language its definition extends (C++20 runs
     * C++17's programs): a language with neither makes the test fail, asking for one.
     */
    static String source(Map<Language, String> programs, Language language) {
        for (Class<?> c = Languages.of(language).getClass(); c != null; c = c.getSuperclass()) {
            for (Map.Entry<Language, String> e : programs.entrySet()) {
                if (Languages.of(e.getKey()).getClass() == c) {
                    return e.getValue();
                }
            }
        }
        throw new AssertionError("no test program for " + language.id() + " (nor for a language it extends): add one");
    }

    private static java.util.List<Map.Entry<String, Verdict>> verdicts(JudgeResult result) {
        return result.tests().stream().map(t -> Map.entry(t.name(), t.verdict())).toList();
    }
}
