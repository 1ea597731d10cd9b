package io.kubejudge.runner.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.problem.ProblemLoader;
import io.kubejudge.runner.sandbox.Containment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive problems judged end to end through the local judge: the example packages
 * ({@code examples/problems/guess-kattis}, {@code guess-testlib}) with their submissions, and
 * copies of the Kattis one whose validator crashes, burns CPU, or faces a submission that
 * searches for the secret. The data is world-readable here, as a checkout's would be: only the
 * sandbox keeps it from the program.
 */
class InteractiveJudgeTest {

    static final Path EXAMPLES = examples();
    static final Path KATTIS = EXAMPLES.resolve("guess-kattis");

    @TempDir
    static Path dir;

    @BeforeAll
    static void contained() throws IOException {
        // The hostile search runs here too, and programs that never read are killed by the wall clock.
        Containment.require();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void acceptedInEveryWayTheExamplesPlay() throws Exception {
        JudgeResult cpp = judge(KATTIS, Language.CPP, "submissions/accepted/binary-search.cpp");
        assertThat(cpp.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(cpp.tests()).hasSize(7).allSatisfy(t -> assertThat(t.message()).isEqualTo("correct"));
        assertThat(judge(KATTIS, Language.PYTHON, "submissions/accepted/binary_search.py").verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(cpp.judge().landlock()).isTrue();
    }

    @Test
    void theInteractorsRejectionIsAWrongAnswer() throws Exception {
        JudgeResult r = judge(KATTIS, Language.C, "submissions/wrong_answer/linear.c");
        assertThat(r.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        // Kattis stops a pass-fail problem at the first rejection.
        assertThat(r.tests()).hasSize(1);
        assertThat(r.tests().get(0).message()).isEqualTo("more than 10 questions");
    }

    @Test
    void aProgramThatExitsEarlyIsJudgedByTheInteractor() throws Exception {
        TestResult t = judge(KATTIS, Language.C, "submissions/wrong_answer/exits-early.c").tests().get(0);
        assertThat(t.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(t.exitCode()).isZero();
        assertThat(t.message()).isEqualTo("the submission stopped before answering");
    }

    @Test
    void aProgramThatNeverReadsIsStoppedByTheWallClock() throws Exception {
        long t0 = System.nanoTime();
        TestResult t = judge(KATTIS, Language.C, "submissions/time_limit_exceeded/never-reads.c").tests().get(0);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(t.verdict()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        assertThat(t.message()).contains("wall-clock limit");
        assertThat(t.timeMs()).isLessThan(500); // it waited; its CPU time stays small
        assertThat(ms).isLessThan(60_000);
    }

    @Test
    void aCrashAfterAnAcceptingInteractorIsTheProgramsRuntimeError() throws Exception {
        TestResult t = judge(KATTIS, Language.C, "submissions/run_time_error/crashes-after-answer.c").tests().get(0);
        assertThat(t.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
        assertThat(t.signal()).isEqualTo(11);
    }

    @Test
    void aCrashingInteractorIsASystemError() throws Exception {
        Path copy = copyOfKattis("crashing", """
                #include <cstdlib>
                #include <iostream>
                #include <string>
                int main() { std::string s; std::cin >> s; std::abort(); }
                """);
        TestResult t = judge(copy, Language.CPP, KATTIS.resolve("submissions/accepted/binary-search.cpp")).tests().get(0);
        assertThat(t.verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(t.message()).contains("interactor was killed by signal 6");
        Path exiting = copyOfKattis("exit-one", "int main() { return 1; }\n");
        TestResult e = judge(exiting, Language.CPP, KATTIS.resolve("submissions/accepted/binary-search.cpp")).tests().get(0);
        assertThat(e.verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(e.message()).contains("exited with code 1 (expected 42 or 43)");
    }

    @Test
    void theInteractorsCpuTimeIsNotTheProgramsTime() throws Exception {
        // 0.6 s of the interactor's CPU before its first reply: the program only waits, and its time
        // stays far below. A 5 s limit (wall 11 s) keeps a loaded machine from turning the wait into TLE.
        Path copy = copyOfKattis("slow", """
                #include <ctime>
                #include <fstream>
                #include <iostream>
                #include <string>
                int main(int argc, char** argv) {
                    long secret; std::ifstream(argv[1]) >> secret;
                    std::clock_t start = std::clock();
                    volatile unsigned long spin = 0;
                    while (std::clock() - start < 3 * CLOCKS_PER_SEC / 5) spin++;
                    for (;;) {
                        std::string kind; long g;
                        if (!(std::cin >> kind >> g)) return 43;
                        if (kind == "!") return g == secret ? 42 : 43;
                        std::cout << (g < secret ? "higher" : g > secret ? "lower" : "correct") << std::endl;
                    }
                }
                """);
        Files.writeString(copy.resolve("problem.yaml"), Files.readString(copy.resolve("problem.yaml")).replace("time_limit: 1", "time_limit: 5"));
        deleteSecretsBut(copy, "01");
        JudgeResult r = judge(copy, Language.CPP, KATTIS.resolve("submissions/accepted/binary-search.cpp"));
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.tests()).hasSize(2).allSatisfy(t -> assertThat(t.timeMs()).isLessThan(150));
    }

    @Test
    void aProgramSearchingForTheSecretFindsNothing() throws Exception {
        Path copy = copyOfKattis("hostile", null);
        Path source = Path.of(getClass().getResource("interactive/find-secret.c").toURI());
        Problem problem = ProblemLoader.load(copy);
        LocalJudge.Outcome outcome = new LocalJudge(Fixtures.steps(), "test")
                .judge(problem, Language.C, Files.readString(source), true);
        Path work = outcome.keptWorkDir().orElseThrow();
        try {
            TestResult t = outcome.result().tests().get(0);
            String report = Files.readString(work.resolve("out").resolve(t.name() + ".err"), StandardCharsets.UTF_8);
            // It saw where the data is (the interactor's command line names it) ...
            assertThat(report).containsPattern("candidates [1-9]");
            // ... and could not read it: it had to answer -1.
            assertThat(t.verdict()).as(report).isEqualTo(Verdict.WRONG_ANSWER);
            assertThat(t.message()).isEqualTo("wrong final answer -1");
            assertThat(outcome.result().judge().landlock()).isTrue();
        } finally {
            LocalJudge.deleteTree(work.getParent());
        }
    }

    @Test
    void aTestlibInteractorGivesPartialPoints() throws Exception {
        Path problem = EXAMPLES.resolve("guess-testlib");
        JudgeResult full = judge(problem, Language.CPP, "solutions/binary-search.cpp");
        assertThat(full.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(full.score()).isEqualTo(4.0);
        JudgeResult partial = judge(problem, Language.PYTHON, "solutions/ternary-steps.py");
        assertThat(partial.score()).isEqualTo(3.0);
        assertThat(partial.tests()).anySatisfy(t -> assertThat(t.message()).startsWith("points 0.5 found in 16 questions"));
        JudgeResult early = judge(problem, Language.C, KATTIS.resolve("submissions/wrong_answer/exits-early.c"));
        assertThat(early.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(early.tests()).allSatisfy(t -> assertThat(t.message()).isEqualTo("wrong answer the submission stopped before answering"));
    }

    @Test
    void aPassFailBatchStopsAtTheFirstRejection() throws Exception {
        Path copy = mixedKattis("mixed-stop");
        Problem problem = ProblemLoader.load(copy);
        LocalJudge.Outcome outcome = new LocalJudge(Fixtures.steps(), "test")
                .judge(problem, Language.C, Files.readString(KATTIS.resolve("submissions/wrong_answer/linear.c")), true);
        Path work = outcome.keptWorkDir().orElseThrow();
        try {
            JudgeResult r = outcome.result();
            assertThat(r.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
            assertThat(r.tests()).extracting(TestResult::verdict)
                    .containsExactly(Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.WRONG_ANSWER);
            assertThat(r.tests().get(2).message()).isEqualTo("more than 10 questions");
            // The launcher ended the batch there: no interactor started for the tests after it.
            List<String> names = problem.spec().getTests().stream().map(TestCase::getName).toList();
            assertThat(names).hasSize(7);
            for (int i = 0; i < names.size(); i++) {
                boolean started = Files.exists(work.resolve("interactor").resolve(names.get(i) + ".err"));
                assertThat(started).as(names.get(i)).isEqualTo(i < 3);
            }
        } finally {
            LocalJudge.deleteTree(work.getParent());
        }
    }

    @Test
    void oneBatchJudgesAsOneBatchPerTestDid() throws Exception {
        // The reference is the former path: each test in a launcher batch of its own (here: a
        // problem of that test alone), up to the first failure.
        Path copy = mixedKattis("mixed-same");
        for (String submission : List.of("submissions/wrong_answer/linear.c", "submissions/wrong_answer/exits-early.c",
                "submissions/run_time_error/crashes-after-answer.c")) {
            String source = Files.readString(KATTIS.resolve(submission));
            JudgeResult batch = Fixtures.judge(ProblemLoader.load(copy), Language.C, source);
            List<TestResult> perTest = new ArrayList<>();
            for (TestCase test : ProblemLoader.load(copy).spec().getTests()) {
                Problem alone = ProblemLoader.load(copy);
                alone.spec().setTests(List.of(test));
                TestResult t = Fixtures.judge(alone, Language.C, source).tests().get(0);
                perTest.add(t);
                if (!t.verdict().isAccepted()) {
                    break;
                }
            }
            assertThat(batch.tests()).as(submission).extracting(InteractiveJudgeTest::outcome)
                    .containsExactlyElementsOf(perTest.stream().map(InteractiveJudgeTest::outcome).toList());
        }
    }

    @Test
    void testlibPointsDoNotEndAStopOnFirstFailureBatch() throws Exception {
        // Exit 7 (points) is no failure: the launcher must run on after it.
        Path copy = dir.resolve("testlib-stop");
        copyTree(EXAMPLES.resolve("guess-testlib"), copy);
        Files.writeString(copy.resolve("problem.yaml"), Files.readString(copy.resolve("problem.yaml")) + "stopOnFirstFailure: true\n");
        JudgeResult partial = judge(copy, Language.PYTHON, "solutions/ternary-steps.py");
        assertThat(partial.tests()).hasSize(4);
        assertThat(partial.score()).isEqualTo(3.0);
        assertThat(partial.tests()).anySatisfy(t -> assertThat(t.message()).startsWith("points 0.5"));
    }

    @Test
    void anInteractorOverItsMemoryLimitIsAJudgeError() throws Exception {
        // 64 MiB held against limits.validation_memory: 16. The problem's fault, not the submission's.
        Path copy = copyOfKattis("memory-hog", """
                #include <cstring>
                #include <fstream>
                #include <iostream>
                #include <string>
                #include <vector>
                int main(int argc, char** argv) {
                    std::vector<char> hog(64 << 20);
                    std::memset(hog.data(), 1, hog.size());
                    long secret; std::ifstream(argv[1]) >> secret;
                    for (;;) {
                        std::string kind; long g;
                        if (!(std::cin >> kind >> g)) return 43;
                        if (kind == "!") return g == secret && hog[12345] == 1 ? 42 : 43;
                        std::cout << (g < secret ? "higher" : g > secret ? "lower" : "correct") << std::endl;
                    }
                }
                """);
        Path yaml = copy.resolve("problem.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("  memory: 256\n", "  memory: 256\n  validation_memory: 16\n"));
        deleteSecretsBut(copy, "01");
        TestResult t = judge(copy, Language.CPP, KATTIS.resolve("submissions/accepted/binary-search.cpp")).tests().get(0);
        assertThat(t.verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(t.message()).startsWith("the interactor used more than its memory limit of 16 MiB");
        // Within the default limit the same interactor plays to the end.
        Files.writeString(yaml, Files.readString(yaml).replace("  validation_memory: 16\n", ""));
        assertThat(judge(copy, Language.CPP, KATTIS.resolve("submissions/accepted/binary-search.cpp")).verdict())
                .isEqualTo(Verdict.ACCEPTED);
    }

    /** What a test's result says, timings aside. */
    private static List<Object> outcome(TestResult t) {
        return Arrays.asList(t.name(), t.verdict(), t.message(), t.exitCode(), t.signal(), t.points());
    }

    private static JudgeResult judge(Path problemDir, Language language, String submission) throws Exception {
        return judge(problemDir, language, problemDir.resolve(submission));
    }

    private static JudgeResult judge(Path problemDir, Language language, Path submission) throws Exception {
        Problem problem = ProblemLoader.load(problemDir);
        return Fixtures.judge(problem, language, Files.readString(submission, StandardCharsets.UTF_8));
    }

    /** A world-readable copy of the Kattis example, its validator replaced when {@code validator} is given. */
    private static Path copyOfKattis(String name, String validator) throws IOException {
        Path copy = dir.resolve(name);
        copyTree(KATTIS, copy);
        if (validator != null) {
            Files.writeString(copy.resolve("output_validators/guess_validator/validate.cpp"), validator);
        }
        return copy;
    }

    /**
     * The Kattis example with secrets that the linear guesser (1, 2, 3, ...) finds within 10
     * questions in the first two tests and not in the third: sample 3, secret 1, then 1000, 377,
     * 999, 2, 618.
     */
    private static Path mixedKattis(String name) throws IOException {
        Path copy = copyOfKattis(name, null);
        Files.writeString(copy.resolve("data/sample/1.in"), "3\n");
        Files.writeString(copy.resolve("data/sample/1.ans"), "3\n");
        return copy;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    private static void deleteSecretsBut(Path problem, String keep) throws IOException {
        try (Stream<Path> files = Files.list(problem.resolve("data/secret"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().startsWith(keep + ".")) {
                    Files.delete(f);
                }
            }
        }
    }

    private static Path examples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples/problems/guess-kattis"))) {
                return p.resolve("examples/problems");
            }
        }
        throw new IllegalStateException("no examples/problems/guess-kattis above " + Path.of("").toAbsolutePath());
    }
}
