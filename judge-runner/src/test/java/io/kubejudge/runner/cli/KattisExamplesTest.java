package io.kubejudge.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.judge.LocalJudge;
import io.kubejudge.runner.judge.Steps;
import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.problem.ProblemLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kattis example packages end to end: verify with a derived time limit, and the grader flags. */
class KattisExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "problems");

    @TempDir
    Path dir;

    /** verify writes .timelimit into the package: work on a copy. */
    private Path copy(String example) throws IOException {
        Path from = EXAMPLES.resolve(example);
        Path to = dir.resolve(example);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Files.deleteIfExists(to.resolve(".timelimit"));
        return to;
    }

    @Test
    void verifyJudgesEverySubmissionAndDerivesTheMissingTimeLimit() throws Exception {
        Path pkg = copy("sum-kattis-verify");

        CliRun run = CliRun.of("verify", pkg.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("verify: 5 submissions, 0 mismatches");
        assertThat(run.out()).containsPattern("accepted +Accepted .*submissions/accepted/sum.py");
        assertThat(run.out()).containsPattern("time_limit_exceeded +TimeLimitExceeded .*quadratic.py");
        assertThat(run.out()).containsPattern("run_time_error +RuntimeError .*crash.cpp");
        // A trivial program: well under 0.2 s, times the legacy multiplier 5, rounded up to whole seconds.
        assertThat(run.out()).contains("time limit: 1 s (slowest accepted");
        assertThat(Files.readString(pkg.resolve(".timelimit"))).isEqualTo("1\n");
        assertThat(ProblemLoader.load(pkg).spec().getTimeLimitMs()).isEqualTo(1000);
    }

    @Test
    void verifyFailsOnAMismatchAndSaysWhich() throws Exception {
        Path pkg = copy("sum-kattis-verify");
        Files.move(pkg.resolve("submissions/wrong_answer/int32.c"), pkg.resolve("submissions/accepted/int32.c"));

        CliRun run = CliRun.of("verify", pkg.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("accepted +WrongAnswer .*int32.c +MISMATCH \\(test secret-02-big");
        assertThat(run.out()).contains("1 mismatches");
    }

    @Test
    void graderFlagsDecideVerdictAndScore() throws Exception {
        Problem problem = ProblemLoader.load(EXAMPLES.resolve("best-of-kattis"));
        LocalJudge judge = new LocalJudge(Steps.forThisMachine(), "test");

        JudgeResult all = judge.judge(problem, Language.PYTHON,
                Files.readString(EXAMPLES.resolve("best-of-kattis/submissions/accepted/echo.py")), false).result();
        JudgeResult partial = judge.judge(problem, Language.PYTHON,
                Files.readString(EXAMPLES.resolve("best-of-kattis/submissions/partially_accepted/only-ten.py")), false).result();

        assertThat(all.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(all.score()).isEqualTo(100.0);
        assertThat(all.maxScore()).isEqualTo(100.0);
        // data/secret/any is accepted (one of its tests is) and scores 50; data/secret/all fails, but data/secret
        // always accepts; the failed sample is ignored.
        assertThat(partial.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(partial.tests()).extracting(t -> t.verdict()).contains(Verdict.WRONG_ANSWER);
        assertThat(partial.score()).isEqualTo(50.0);
        assertThat(partial.maxScore()).isEqualTo(100.0);
    }

    @Test
    void verifyChecksPartiallyAcceptedSubmissionsOfAScoringPackage() throws Exception {
        Path pkg = copy("best-of-kattis");

        CliRun run = CliRun.of("verify", pkg.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("accepted +Accepted .* 100/100 +submissions/accepted/echo.py");
        assertThat(run.out()).containsPattern("partially_accepted +Accepted .* 50/100 +submissions/partially_accepted/only-ten.py");
        assertThat(run.out()).doesNotContain("time limit:");
        assertThat(pkg.resolve(".timelimit")).doesNotExist();

        CliRun circle = CliRun.of("verify", EXAMPLES.resolve("circle-area-kattis").toString());
        assertThat(circle.exitCode()).as(circle.out() + circle.err()).isZero();
        assertThat(circle.out()).containsPattern("partially_accepted +Accepted .* 30/100 +submissions/partially_accepted/integer_radius.py");

        Files.move(pkg.resolve("submissions/accepted/echo.py"), pkg.resolve("submissions/partially_accepted/echo.py"));
        CliRun full = CliRun.of("verify", pkg.toString());
        assertThat(full.exitCode()).isEqualTo(1);
        assertThat(full.out()).containsPattern("partially_accepted +Accepted .*echo.py +MISMATCH \\(full score\\)");
    }
}
