package io.kubejudge.runner.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.RunProgress;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.problem.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A problem that stops on the first failure runs no test after it (the run step) and scores none (the check step). */
class StopOnFirstFailureTest {

    static final String PROGRAM = """
            import sys, time
            n = int(input())
            if n == 2:
                while True:
                    pass
            print(n * 10 if n != 3 else -1)
            """;

    @TempDir
    Path dir;

    private Problem problem(boolean stop) throws Exception {
        Fixtures.ProblemBuilder b = Fixtures.problem().timeLimitMs(300).multipliers(Language.PYTHON, 1.0, 1.0);
        if (stop) {
            b.stopOnFirstFailure();
        }
        return b.test("1", "1\n", "10\n").test("2", "2\n", "20\n").test("3", "3\n", "30\n").test("4", "4\n", "40\n").build(dir);
    }

    @Test
    void runningStopsAtTheFirstTestThatEndsBadly() throws Exception {
        Problem problem = problem(true);
        Steps steps = Fixtures.steps();
        WorkDir work = new WorkDir(dir.resolve("work"));
        CompileReport compiled = steps.compile().compile(problem.spec(), Language.PYTHON, PROGRAM, work);

        List<RunProgress> progress = new ArrayList<>();
        RunReport ran = steps.run().run(problem.spec(), compiled, problem.dataDir(), work, progress::add);

        assertThat(ran.tests()).extracting(TestResult::name).containsExactly("1", "2");
        assertThat(progress).containsExactly(new RunProgress(1, 4), new RunProgress(2, 4));
        assertThat(ran.tests().get(1).verdict()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        JudgeResult result = steps.check().check(problem, compiled, ran, work, "test");
        assertThat(result.tests()).extracting(TestResult::verdict).containsExactly(Verdict.ACCEPTED, Verdict.TIME_LIMIT_EXCEEDED);
        assertThat(result.verdict()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        assertThat(result.score()).isEqualTo(1.0);
        assertThat(result.maxScore()).isEqualTo(4.0);
    }

    @Test
    void withoutTheFlagEveryTestIsJudged() throws Exception {
        JudgeResult result = Fixtures.judge(problem(false), Language.PYTHON, PROGRAM);

        assertThat(result.tests()).extracting(TestResult::verdict)
                .containsExactly(Verdict.ACCEPTED, Verdict.TIME_LIMIT_EXCEEDED, Verdict.WRONG_ANSWER, Verdict.ACCEPTED);
        assertThat(result.verdict()).isEqualTo(Verdict.TIME_LIMIT_EXCEEDED);
        assertThat(result.score()).isEqualTo(2.0);
    }

    @Test
    void aWrongAnswerStopsTheCheckStep() throws Exception {
        Problem problem = Fixtures.problem().stopOnFirstFailure()
                .test("1", "1\n", "10\n").test("3", "3\n", "30\n").test("4", "4\n", "40\n").build(dir);

        JudgeResult result = Fixtures.judge(problem, Language.PYTHON, PROGRAM);

        assertThat(result.tests()).extracting(TestResult::name).containsExactly("1", "3");
        assertThat(result.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(result.score()).isEqualTo(1.0);
    }
}
