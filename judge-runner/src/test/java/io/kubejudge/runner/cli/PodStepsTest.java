package io.kubejudge.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.RunProgress;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.judge.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three pod steps as the operator runs them: separate invocations sharing only the work
 * directory, the answers given to the check step alone, a result file of at most 4 KiB each.
 */
class PodStepsTest {

    static final int TESTS = 300;

    @TempDir
    static Path dir;
    static Path inputs;
    static Path data;

    @BeforeAll
    static void problem() throws Exception {
        inputs = Files.createDirectories(dir.resolve("inputs"));
        data = Files.createDirectories(dir.resolve("data"));
        for (int i = 0; i < TESTS; i++) {
            String name = "t" + i;
            Files.writeString(inputs.resolve(name + ".in"), i + " " + (2 * i) + "\n");
            Files.writeString(data.resolve(name + ".in"), i + " " + (2 * i) + "\n");
            // Test 7 expects something no correct program prints.
            Files.writeString(data.resolve(name + ".ans"), (i == 7 ? -1 : 3 * i) + "\n");
        }
    }

    private static Path submission(String name, String language, String fileName, String source) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(name));
        JudgeProblemSpec spec = new JudgeProblemSpec();
        spec.setTimeLimitMs(1000);
        spec.setMemoryLimitMiB(64);
        List<TestCase> tests = new ArrayList<>();
        for (int i = 0; i < TESTS; i++) {
            tests.add(new TestCase("t" + i, 1.0));
        }
        spec.setTests(tests);
        Files.writeString(sub.resolve("problem.json"), Json.write(spec));
        Files.writeString(sub.resolve("submission.json"),
                "{\"language\":\"" + language + "\",\"fileName\":\"" + fileName + "\",\"problem\":\"aplusb\"}");
        Files.writeString(sub.resolve(fileName), source);
        return sub;
    }

    private static StepResult result(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).as("termination message size").isLessThanOrEqualTo(StepResult.MAX_BYTES);
        return Json.MAPPER.readValue(new String(bytes, StandardCharsets.UTF_8), StepResult.class);
    }

    @Test
    void threeStepsJudgeASubmission() throws Exception {
        Path sub = submission("good", "cpp", "main.cpp",
                "#include <iostream>\nint main(){ long long a,b; std::cin>>a>>b; std::cout<<a+b<<'\\n'; }\n");
        Path work = dir.resolve("work-good");

        CliRun compile = CliRun.of("compile", "--submission", sub.toString(), "--work", work.toString(), "--result", dir.resolve("c.json").toString());
        assertThat(compile.exitCode()).as(compile.err()).isZero();
        StepResult c = result(dir.resolve("c.json"));
        assertThat(c.step()).isEqualTo(StepResult.Step.COMPILE);
        assertThat(c.compile().success()).isTrue();
        assertThat(c.verdict()).isNull();
        assertThat(c.judge().compilerVersion()).startsWith("g++");

        CliRun run = CliRun.of("run", "--submission", sub.toString(), "--inputs", inputs.toString(), "--work", work.toString(),
                "--result", dir.resolve("r.json").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        StepResult r = result(dir.resolve("r.json"));
        assertThat(r.testCount()).isEqualTo(TESTS);
        assertThat(r.truncated()).isTrue();
        assertThat(r.tests()).allSatisfy(t -> assertThat(t.verdict()).as("decided by the check step").isNull());
        assertThat(r.judge().landlock()).isTrue();
        // Progress on the log, a line per test as it ends: what the operator reads while the step runs.
        assertThat(run.out().lines().toList()).isEqualTo(IntStream.rangeClosed(1, TESTS)
                .mapToObj(i -> new RunProgress(i, TESTS).line()).toList());

        CliRun check = CliRun.of("check", "--submission", sub.toString(), "--data", data.toString(), "--work", work.toString(),
                "--result", dir.resolve("k.json").toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        StepResult k = result(dir.resolve("k.json"));
        assertThat(k.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(k.score()).isEqualTo(TESTS - 1.0);
        assertThat(k.maxScore()).isEqualTo((double) TESTS);
        assertThat(k.testCount()).isEqualTo(TESTS);
        assertThat(k.truncated()).isTrue();
        assertThat(k.tests().get(7).verdict()).isEqualTo(Verdict.WRONG_ANSWER);

        JudgeResult full = Json.MAPPER.readValue(check.out(), JudgeResult.class);
        assertThat(full.tests()).hasSize(TESTS);
        assertThat(full.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(full.compile().success()).isTrue();
    }

    @Test
    void aCompileErrorFlowsThroughTheLaterSteps() throws Exception {
        Path sub = submission("broken", "java", "Main.java", "public class Main { public static void main(String[] a) { undefined(); } }\n");
        Path work = dir.resolve("work-broken");

        assertThat(CliRun.of("compile", "--submission", sub.toString(), "--work", work.toString(), "--result", dir.resolve("bc.json").toString()).exitCode()).isZero();
        StepResult c = result(dir.resolve("bc.json"));
        assertThat(c.verdict()).isEqualTo(Verdict.COMPILE_ERROR);
        assertThat(c.compile().message()).contains("Main.java", "cannot find symbol");

        assertThat(CliRun.of("run", "--submission", sub.toString(), "--inputs", inputs.toString(), "--work", work.toString(), "--result", dir.resolve("br.json").toString()).exitCode()).isZero();
        assertThat(result(dir.resolve("br.json")).tests()).isEmpty();

        CliRun check = CliRun.of("check", "--submission", sub.toString(), "--data", data.toString(), "--work", work.toString(), "--result", dir.resolve("bk.json").toString());
        assertThat(check.exitCode()).isZero();
        StepResult k = result(dir.resolve("bk.json"));
        assertThat(k.verdict()).isEqualTo(Verdict.COMPILE_ERROR);
        assertThat(k.score()).isZero();
        assertThat(k.maxScore()).isEqualTo((double) TESTS);
    }

    @Test
    void aStepThatCannotWorkSaysWhyInItsResult() throws Exception {
        Path sub = submission("early", "c", "main.c", "int main(void){return 0;}\n");

        CliRun run = CliRun.of("run", "--submission", sub.toString(), "--inputs", inputs.toString(), "--work", dir.resolve("never-compiled").toString(),
                "--result", dir.resolve("e.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("compile.json is missing");
        StepResult e = result(dir.resolve("e.json"));
        assertThat(e.step()).isEqualTo(StepResult.Step.RUN);
        assertThat(e.error()).contains("compile.json is missing");

        Path bad = Files.createDirectories(dir.resolve("bad-submission"));
        Files.writeString(bad.resolve("problem.json"), "{\"timeLimitMs\":1000,\"memoryLimitMiB\":64,\"tests\":[{\"name\":\"t0\"}]}");
        Files.writeString(bad.resolve("submission.json"), "{\"language\":\"cobol\",\"fileName\":\"x.cob\"}");
        CliRun compile = CliRun.of("compile", "--submission", bad.toString(), "--work", dir.resolve("w").toString(), "--result", dir.resolve("b.json").toString());
        assertThat(compile.exitCode()).isEqualTo(2);
        assertThat(result(dir.resolve("b.json")).error()).contains("submission.json", "unknown language 'cobol'");
    }
}
