package io.kubejudge.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.CheckerProgram;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.judge.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interactive problem through the pod steps as the operator runs them: the interactor's source
 * under its configMapKey in the data directory, which the run step gets with {@code --data}
 * (and only for an interactive problem); the run step decides, the check step scores.
 */
class InteractivePodStepsTest {

    static final String VALIDATOR = """
            import sys
            secret = int(open(sys.argv[1]).read())
            feedback = sys.argv[3]
            for asked in range(12):
                line = sys.stdin.readline().split()
                if len(line) != 2:
                    open(feedback + "judgemessage.txt", "w").write("no answer")
                    sys.exit(43)
                kind, guess = line[0], int(line[1])
                if kind == "!":
                    sys.exit(42 if guess == secret else 43)
                print("higher" if guess < secret else "lower" if guess > secret else "correct", flush=True)
            sys.exit(43)
            """;
    static final String PLAYER = """
            lo, hi = 1, 1000
            while True:
                mid = (lo + hi) // 2
                print("?", mid, flush=True)
                reply = input().strip()
                if reply == "correct":
                    print("!", mid, flush=True)
                    break
                lo, hi = (mid + 1, hi) if reply == "higher" else (lo, mid - 1)
            """;

    @TempDir
    static Path dir;
    static Path inputs;
    static Path data;

    @BeforeAll
    static void problem() throws Exception {
        inputs = Files.createDirectories(dir.resolve("inputs"));
        data = Files.createDirectories(dir.resolve("data"));
        int[] secrets = {1, 1000, 377};
        for (int i = 0; i < secrets.length; i++) {
            Files.writeString(inputs.resolve("t" + i + ".in"), secrets[i] + "\n");
            Files.writeString(data.resolve("t" + i + ".in"), secrets[i] + "\n");
            Files.writeString(data.resolve("t" + i + ".ans"), secrets[i] + "\n");
        }
        Files.writeString(data.resolve("validate.py"), VALIDATOR);
    }

    private static Path submission(String name, boolean interactive, String source) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(name));
        JudgeProblemSpec spec = new JudgeProblemSpec();
        spec.setTimeLimitMs(1000);
        spec.setMemoryLimitMiB(64);
        spec.setTests(List.of(new TestCase("t0", 1.0), new TestCase("t1", 1.0), new TestCase("t2", 1.0)));
        spec.setInteractive(interactive);
        Checker checker = new Checker();
        checker.setType(Checker.Type.KATTIS);
        CheckerProgram program = new CheckerProgram();
        program.setLanguage(Language.PYTHON);
        program.setConfigMapKey("validate.py");
        checker.setProgram(program);
        spec.setChecker(checker);
        Files.writeString(sub.resolve("problem.json"), Json.write(spec));
        Files.writeString(sub.resolve("submission.json"), "{\"language\":\"python\",\"fileName\":\"main.py\",\"problem\":\"guess\"}");
        Files.writeString(sub.resolve("main.py"), source);
        return sub;
    }

    private static StepResult result(Path file) throws Exception {
        return Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), StepResult.class);
    }

    @Test
    void theRunStepDecidesAndTheCheckStepScores() throws Exception {
        Path sub = submission("good", true, PLAYER);
        Path work = dir.resolve("work-good");
        CliRun compile = CliRun.of("compile", "--submission", sub.toString(), "--work", work.toString(), "--result", dir.resolve("c.json").toString());
        assertThat(compile.exitCode()).as(compile.err()).isZero();

        CliRun run = CliRun.of("run", "--submission", sub.toString(), "--inputs", inputs.toString(), "--data", data.toString(),
                "--work", work.toString(), "--result", dir.resolve("r.json").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        StepResult r = result(dir.resolve("r.json"));
        assertThat(r.tests()).hasSize(3).allSatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.ACCEPTED));
        assertThat(r.judge().landlock()).isTrue();

        // check gets the data too, as in the pod, but has nothing left to run
        CliRun check = CliRun.of("check", "--submission", sub.toString(), "--data", data.toString(),
                "--work", work.toString(), "--result", dir.resolve("k.json").toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        StepResult k = result(dir.resolve("k.json"));
        assertThat(k.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(k.score()).isEqualTo(3.0);
        assertThat(Files.exists(work.resolve("checker"))).as("the check step built no checker").isFalse();
    }

    @Test
    void onlyAnInteractiveProblemsRunStepTakesTheData() throws Exception {
        Path interactive = submission("no-data", true, PLAYER);
        Path work = dir.resolve("work-no-data");
        assertThat(CliRun.of("compile", "--submission", interactive.toString(), "--work", work.toString(),
                "--result", dir.resolve("c2.json").toString()).exitCode()).isZero();
        CliRun missing = CliRun.of("run", "--submission", interactive.toString(), "--inputs", inputs.toString(),
                "--work", work.toString(), "--result", dir.resolve("r2.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(result(dir.resolve("r2.json")).error()).contains("needs --data");

        Path ordinary = submission("ordinary", false, "print(input())\n");
        Path work3 = dir.resolve("work-ordinary");
        assertThat(CliRun.of("compile", "--submission", ordinary.toString(), "--work", work3.toString(),
                "--result", dir.resolve("c3.json").toString()).exitCode()).isZero();
        CliRun exposed = CliRun.of("run", "--submission", ordinary.toString(), "--inputs", inputs.toString(), "--data", data.toString(),
                "--work", work3.toString(), "--result", dir.resolve("r3.json").toString());
        assertThat(exposed.exitCode()).isEqualTo(2);
        assertThat(result(dir.resolve("r3.json")).error()).contains("--data is for interactive problems only");
    }

    @Test
    void withoutLandlockAnInteractiveRunGivesNoVerdict() throws Exception {
        Path sub = submission("unprotected", true, PLAYER);
        io.kubejudge.runner.problem.Problem problem = new io.kubejudge.runner.problem.Problem("guess",
                Json.MAPPER.readValue(Files.readString(sub.resolve("problem.json")), JudgeProblemSpec.class), data, null);
        var accepted = new io.kubejudge.model.result.TestResult("t0", Verdict.ACCEPTED, 1L, 1L, 0, null, 1.0, "correct");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunCommand.refuseUnprotectedInteraction(problem,
                        new io.kubejudge.runner.judge.RunReport(false, List.of(accepted))))
                .isInstanceOf(CliException.class).hasMessageContaining("without Landlock");
        RunCommand.refuseUnprotectedInteraction(problem, new io.kubejudge.runner.judge.RunReport(true, List.of(accepted)));
        problem.spec().setInteractive(null);
        RunCommand.refuseUnprotectedInteraction(problem, new io.kubejudge.runner.judge.RunReport(false, List.of(accepted)));
    }
}
