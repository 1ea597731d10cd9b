package io.kubejudge.runner.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.container.ContainerJudge.Submission;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runner image judging the examples in containers set up exactly like the judge pod's (see
 * {@link PodContainer}): compile, run and check as three containers sharing a work directory,
 * answers mounted into the check container only, our seccomp profile on every one. Needs a Docker
 * engine (CI installs and starts one); without it these tests fail, they are never skipped.
 *
 * <p>One pod at a time: the judge pods of a node share uid 65534, and what one pod's processes do
 * to another is the subject of its own test, not an accident of the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerContainerTest {

    private static final Path EXAMPLES = RepositoryRoot.PATH.resolve("examples");
    private static final Path APLUSB = EXAMPLES.resolve("problems/aplusb");
    private static final Path APLUSB_SUBMISSIONS = EXAMPLES.resolve("submissions/aplusb");
    private static final Path APLUSB_KATTIS = EXAMPLES.resolve("problems/aplusb-kattis");
    private static final Path APLUSB_SPECIAL = EXAMPLES.resolve("problems/aplusb-special");
    private static final Path CIRCLE_AREA = EXAMPLES.resolve("problems/circle-area-kattis");
    private static final Path OWN = RepositoryRoot.PATH.resolve("judge-runner/src/test/resources/io/kubejudge/runner/container/submissions");
    private static final String OUR_PROFILE = RunnerImage.SECCOMP_PROFILE.toAbsolutePath().toString();

    private static final List<Submission> ACCEPTED = List.of(
            new Submission(APLUSB, APLUSB_SUBMISSIONS.resolve("accepted.c"), "c", false),
            new Submission(APLUSB, APLUSB_SUBMISSIONS.resolve("accepted.cpp"), "cpp", false),
            new Submission(APLUSB, APLUSB_SUBMISSIONS.resolve("Main.java"), "java", false),
            new Submission(APLUSB, APLUSB_SUBMISSIONS.resolve("accepted.py"), "python", false),
            new Submission(APLUSB, APLUSB_SUBMISSIONS.resolve("accepted.go"), "go", false));
    private static final Submission WRONG_ANSWER = new Submission(APLUSB, APLUSB_SUBMISSIONS.resolve("wrong-answer.cpp"), "cpp", false);
    // Slow verdicts stop at the first failing test: its verdict is what these tests look at.
    private static final Submission TIME_LIMIT = new Submission(APLUSB, APLUSB_SUBMISSIONS.resolve("time-limit.cpp"), "cpp", true);
    // 64 MiB, not the problem's 256: every page the hoard touches costs CPU time, and a slow CI
    // machine once spent the whole second of CPU on 230 MiB, which is rightly TimeLimitExceeded.
    private static final Submission MEMORY_LIMIT = new Submission(APLUSB, OWN.resolve("memory-limit.cpp"), "cpp", true, 64);
    private static final Submission OUTPUT_LIMIT = new Submission(APLUSB, OWN.resolve("output-limit.c"), "c", true);
    private static final Submission RUNTIME_ERROR = new Submission(APLUSB, APLUSB_SUBMISSIONS.resolve("runtime-error.py"), "python", false);
    private static final Submission COMPILE_ERROR = new Submission(APLUSB, APLUSB_SUBMISSIONS.resolve("compile-error.cpp"), "cpp", false);
    private static final Submission FORK_BOMB = new Submission(APLUSB, OWN.resolve("fork-bomb.c"), "c", true);
    private static final Submission KILL_EVERYTHING = new Submission(APLUSB, OWN.resolve("kill-everything.c"), "c", false);
    private static final Submission FIND_ANSWERS = new Submission(APLUSB, OWN.resolve("find-answers.c"), "c", false);
    private static final Submission KATTIS_ACCEPTED = new Submission(APLUSB_KATTIS, APLUSB_KATTIS.resolve("submissions/accepted/aplusb.cpp"), "cpp", false);
    private static final Submission KATTIS_WRONG = new Submission(APLUSB_KATTIS, APLUSB_KATTIS.resolve("submissions/wrong_answer/int32.c"), "c", false);
    private static final Submission SPECIAL_FULL = new Submission(APLUSB_SPECIAL, APLUSB_SPECIAL.resolve("solutions/full.cpp"), "cpp", false);
    private static final Submission SPECIAL_HALF = new Submission(APLUSB_SPECIAL, APLUSB_SPECIAL.resolve("solutions/sum-only.py"), "python", false);
    private static final Submission CIRCLE_ACCEPTED = new Submission(CIRCLE_AREA, CIRCLE_AREA.resolve("submissions/accepted/area.py"), "python", false);
    private static final Submission CIRCLE_GROUP_ONE = new Submission(CIRCLE_AREA,
            CIRCLE_AREA.resolve("submissions/partially_accepted/integer_radius.py"), "python", false);

    private String image;
    private ContainerJudge judge;

    @BeforeAll
    void buildTheImage() {
        image = RunnerImage.reference();
        judge = new ContainerJudge(image, RunnerImage.SECCOMP_PROFILE);
    }

    @AfterAll
    void noContainerIsLeftBehind() {
        Docker.Outcome left = Docker.docker(Duration.ofSeconds(30), "ps", "-a", "-q", "--filter", "label=" + PodContainer.LABEL);
        assertThat(left.succeeded()).as(left.describe()).isTrue();
        assertThat(left.stdout().strip()).as("containers of these tests still present").isEmpty();
    }

    // ---------------------------------------------------------------- the image under the profile

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "java -version      | openjdk version \"17",
        "javac -version     | javac 17",
        "gcc --version      | gcc (Debian 12",
        "g++ --version      | g++ (Debian 12",
        "python3 --version  | Python 3.11",
        "go version         | go version go1.",
        "kubejudge-runner --version | kubejudge judge-runner"})
    void theToolchainRunsUnderThePodSettings(String command, String expected) {
        String[] words = command.split(" ");
        Docker.Outcome out = podShell(OUR_PROFILE, words[0], words[1]);
        assertThat(out.succeeded()).as(out.describe()).isTrue();
        assertThat(out.stdout() + out.stderr()).as(out.describe()).contains(expected);
    }

    @Test
    void theRunnerProcessCannotOpenInternetSocketsButTheDefaultProfileWouldLetIt() {
        String inet = "import socket\nfor family in (socket.AF_INET, socket.AF_INET6):\n    socket.socket(family).close()\nprint('opened')";
        Docker.Outcome ours = podShell(OUR_PROFILE, "python3", "-c", inet);
        assertThat(ours.succeeded()).as(ours.describe()).isFalse();
        assertThat(ours.stderr()).as(ours.describe()).contains("PermissionError").contains("Operation not permitted");

        Docker.Outcome dockerDefault = podShell(null, "python3", "-c", inet);
        assertThat(dockerDefault.succeeded()).as(dockerDefault.describe()).isTrue();
        assertThat(dockerDefault.stdout()).contains("opened");

        // Local sockets stay allowed (glibc's nscd lookups use them): the denial is by family, not blanket.
        Docker.Outcome local = podShell(OUR_PROFILE, "python3", "-c",
                "import socket\nsocket.socket(socket.AF_UNIX).close()\nsocket.socketpair()\nprint('local ok')");
        assertThat(local.succeeded()).as(local.describe()).isTrue();
    }

    @Test
    void theProfileDeniesNewNamespacesThatAnUnconfinedContainerCouldCreate() {
        Docker.Outcome ours = podShell(OUR_PROFILE, "unshare", "--user", "--pid", "--fork", "true");
        assertThat(ours.succeeded()).as(ours.describe()).isFalse();
        assertThat(ours.stderr()).contains("Operation not permitted");

        Docker.Outcome unconfined = podShell("unconfined", "unshare", "--user", "--pid", "--fork", "true");
        assertThat(unconfined.succeeded()).as(unconfined.describe()).isTrue();
    }

    // ---------------------------------------------------------------- every verdict, judged in pods

    @ParameterizedTest(name = "{0}")
    @CsvSource({"c", "cpp", "java", "python", "go"})
    void acceptedInEveryLanguage(String language) throws Exception {
        Submission submission = ACCEPTED.stream().filter(s -> s.language().equals(language)).findFirst().orElseThrow();
        JudgeResult result = judged(submission);

        assertThat(result.verdict()).as(summary(result)).isEqualTo(Verdict.ACCEPTED);
        assertThat(result.score()).isEqualTo(result.maxScore()).isPositive();
        assertThat(result.tests()).hasSize(10).allSatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.ACCEPTED));
        assertThat(result.judge().language()).isEqualTo(language);
        assertThat(result.judge().landlock()).as("Landlock applied inside the container").isTrue();
        assertThat(result.compile().success()).isTrue();
    }

    @Test
    void wrongAnswerScoresOnlyTheSubtaskItPasses() throws Exception {
        JudgeResult result = judged(WRONG_ANSWER);

        assertThat(result.verdict()).as(summary(result)).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(result.tests()).filteredOn(t -> t.name().startsWith("small"))
                .allSatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.ACCEPTED));
        assertThat(result.tests()).anySatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.WRONG_ANSWER));
        assertThat(result.score()).isEqualTo(40.0);
        assertThat(result.maxScore()).isEqualTo(100.0);
    }

    @Test
    void timeLimitExceeded() throws Exception {
        JudgeResult result = judged(TIME_LIMIT);

        assertThat(result.verdict()).as(summary(result)).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        assertThat(result.tests().get(0).verdict()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        // Stopped at the first failure: the other nine tests were not run.
        assertThat(result.tests()).filteredOn(t -> t.verdict() == Verdict.TIME_LIMIT_EXCEEDED).hasSize(1);
    }

    @Test
    void memoryLimitExceeded() throws Exception {
        JudgeResult result = judged(MEMORY_LIMIT);

        assertThat(result.verdict()).as(summary(result)).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
    }

    @Test
    void outputLimitExceeded() throws Exception {
        JudgeResult result = judged(OUTPUT_LIMIT);

        assertThat(result.verdict()).as(summary(result)).isEqualTo(Verdict.OUTPUT_LIMIT_EXCEEDED);
    }

    @Test
    void runtimeError() throws Exception {
        JudgeResult result = judged(RUNTIME_ERROR);

        assertThat(result.verdict()).as(summary(result)).isEqualTo(Verdict.RUNTIME_ERROR);
        assertThat(result.tests()).allSatisfy(t -> {
            assertThat(t.verdict()).isEqualTo(Verdict.RUNTIME_ERROR);
            assertThat(t.exitCode()).isNotNull().isNotZero();
        });
    }

    @Test
    void compileError() throws Exception {
        ContainerJudge.Judged judged = judge.judge(COMPILE_ERROR);
        assertEveryStepLikeAPod(judged);
        JudgeResult result = judged.report();

        assertThat(result.verdict()).as(summary(result)).isEqualTo(Verdict.COMPILE_ERROR);
        assertThat(result.compile().success()).isFalse();
        assertThat(result.compile().message()).contains("error");
        assertThat(judged.step("compile").result().verdict()).isEqualTo(Verdict.COMPILE_ERROR);
        assertThat(result.score()).isZero();
    }

    // ---------------------------------------------------------------- hostile programs

    @Test
    void aForkBombEndsWithAVerdictAndLeavesTheContainerHealthy() throws Exception {
        ContainerJudge.Judged judged = judge.judge(FORK_BOMB);
        assertEveryStepLikeAPod(judged);
        JudgeResult result = judged.report();

        assertThat(result.verdict()).as(summary(result)).isIn(Verdict.TIME_LIMIT_EXCEEDED, Verdict.RUNTIME_ERROR);
        // The wall-clock limit is 2 x 1 s + 1 s: a run step far beyond it means something waited on the bomb.
        assertThat(judged.step("run").took()).as(judged.describe()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void killingEverythingItCanSignalDoesNotReachTheRunner() throws Exception {
        JudgeResult result = judged(KILL_EVERYTHING);

        assertThat(result.verdict()).as(summary(result)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void theRunStepCannotReadAnyAnswer() throws Exception {
        JudgeResult result = judged(FIND_ANSWERS);

        assertThat(result.verdict()).as("exit code 42 means an answer file was readable: " + summary(result))
                .isEqualTo(Verdict.ACCEPTED);
    }

    /**
     * Another judge pod on the same node runs as the same uid 65534 (without {@code hostUsers:
     * false}): its tasks count against the same per-user process limit, which nothing inside this
     * pod can see. A Go program, which needs a few threads, must still be judged normally.
     */
    @Test
    void twoJudgePodsOnOneNodeDoNotFailEachOther() throws Exception {
        String neighbour = "kj-test-neighbour-" + System.nanoTime();
        List<String> args = new ArrayList<>(PodContainer.runFlags(neighbour, OUR_PROFILE));
        args.add(1, "-d");
        args.addAll(List.of("--entrypoint", "python3", image, "-c",
                "import threading, time\n"
                + "for _ in range(100): threading.Thread(target=time.sleep, args=(600,), daemon=True).start()\n"
                + "print('ready', flush=True)\ntime.sleep(600)"));
        Docker.Outcome started = Docker.docker(Duration.ofMinutes(1), args);
        assertThat(started.succeeded()).as(started.describe()).isTrue();
        try {
            awaitOutput(neighbour, "ready");
            JudgeResult result = judged(ACCEPTED.stream().filter(s -> s.language().equals("go")).findFirst().orElseThrow());

            assertThat(result.verdict()).as(summary(result)).isEqualTo(Verdict.ACCEPTED);
        } finally {
            Docker.docker(Duration.ofMinutes(1), "rm", "-f", neighbour);
        }
    }

    // ---------------------------------------------------------------- checkers and packages

    @Test
    void aKattisPackageJudgedByItsOutputValidatorBuiltInTheCheckStep() throws Exception {
        JudgeResult accepted = judged(KATTIS_ACCEPTED);
        assertThat(accepted.verdict()).as(summary(accepted)).isEqualTo(Verdict.ACCEPTED);

        JudgeResult wrong = judged(KATTIS_WRONG);
        assertThat(wrong.verdict()).as(summary(wrong)).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void aTestlibStyleSpecialCheckerGivesFullAndPartialPoints() throws Exception {
        JudgeResult full = judged(SPECIAL_FULL);
        assertThat(full.verdict()).as(summary(full)).isEqualTo(Verdict.ACCEPTED);
        assertThat(full.score()).isEqualTo(full.maxScore()).isPositive();

        // sum-only.py prints "a+b 0": half the points, or all of them where a - b happens to be 0.
        JudgeResult half = judged(SPECIAL_HALF);
        assertThat(half.score()).as(summary(half)).isGreaterThanOrEqualTo(half.maxScore() / 2).isLessThan(half.maxScore());
        assertThat(half.tests()).as(summary(half)).anySatisfy(t -> assertThat(t.points()).isEqualTo(0.5));
    }

    @Test
    void aKattisScoringPackageWithAFloatTolerance() throws Exception {
        JudgeResult accepted = judged(CIRCLE_ACCEPTED);
        assertThat(accepted.verdict()).as(summary(accepted)).isEqualTo(Verdict.ACCEPTED);
        assertThat(accepted.score()).isEqualTo(accepted.maxScore()).isPositive();

        JudgeResult groupOne = judged(CIRCLE_GROUP_ONE);
        // data/secret always accepts (always_accept): partially accepted, as problemtools expects.
        assertThat(groupOne.verdict()).as(summary(groupOne)).isEqualTo(Verdict.ACCEPTED);
        assertThat(groupOne.score()).as(summary(groupOne)).isPositive().isLessThan(groupOne.maxScore());
    }

    // ---------------------------------------------------------------- helpers

    private JudgeResult judged(Submission submission) throws Exception {
        ContainerJudge.Judged judged = judge.judge(submission);
        assertEveryStepLikeAPod(judged);
        return judged.report();
    }

    /**
     * What the operator relies on from every pod: each step exits 0, and its termination message
     * is a StepResult of at most 4096 bytes naming that step, with no internal error.
     */
    private static void assertEveryStepLikeAPod(ContainerJudge.Judged judged) {
        assertThat(judged.steps()).as(judged.describe()).extracting(ContainerJudge.Step::name)
                .containsExactly("compile", "run", "check");
        for (ContainerJudge.Step step : judged.steps()) {
            assertThat(step.outcome().exitCode()).as(judged.describe()).isZero();
            assertThat(step.terminationMessage().length).as(step.name() + " termination message size")
                    .isPositive().isLessThanOrEqualTo(StepResult.MAX_BYTES);
            StepResult result = step.result();
            assertThat(result.step().name()).isEqualToIgnoringCase(step.name());
            assertThat(result.error()).as(judged.describe()).isNull();
        }
    }

    /** A command in the runner image with the pod's settings; {@code seccomp} null means Docker's default profile. */
    private Docker.Outcome podShell(String seccomp, String command, String... args) {
        List<String> docker = new ArrayList<>(PodContainer.runFlags("kj-test-shell-" + System.nanoTime(), seccomp));
        docker.addAll(List.of("--entrypoint", command, image));
        docker.addAll(List.of(args));
        return Docker.docker(Duration.ofMinutes(1), docker);
    }

    private static void awaitOutput(String container, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Docker.Outcome logs;
        do {
            logs = Docker.docker(Duration.ofSeconds(30), "logs", container);
            if (logs.stdout().contains(text)) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(container + " did not print '" + text + "' within 60 s: " + logs.describe());
    }

    private static String summary(JudgeResult result) {
        StringBuilder sb = new StringBuilder(result.verdict() + " " + result.score() + "/" + result.maxScore());
        if (result.compile() != null && result.compile().message() != null) {
            sb.append(" compile: ").append(result.compile().message());
        }
        for (TestResult t : result.tests()) {
            sb.append("\n  ").append(t.name()).append(' ').append(t.verdict()).append(' ').append(t.timeMs()).append(" ms ")
                    .append(t.memoryKiB()).append(" KiB exit ").append(t.exitCode()).append(" signal ").append(t.signal())
                    .append(' ').append(t.message() == null ? "" : t.message());
        }
        return sb.toString();
    }
}
