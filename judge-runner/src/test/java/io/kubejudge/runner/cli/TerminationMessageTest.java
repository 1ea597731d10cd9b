package io.kubejudge.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubejudge.model.result.CompileResult;
import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.judge.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminationMessageTest {

    private static final JudgeResult.JudgeInfo INFO = new JudgeResult.JudgeInfo("0.1.0", "cpp", "g++ 12.2.0", true);

    private static List<TestResult> tests(int n, String message) {
        List<TestResult> tests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tests.add(new TestResult("test-" + i, i % 3 == 0 ? Verdict.WRONG_ANSWER : Verdict.ACCEPTED, 12L, 1536L, 0, null,
                    i % 3 == 0 ? 0.0 : 1.0, message));
        }
        return tests;
    }

    private static StepResult check(List<TestResult> tests, CompileResult compile, String error) {
        return new StepResult(StepResult.Step.CHECK, Verdict.WRONG_ANSWER, 666.0, 1000.0, 12L, 1536L, compile, tests, tests.size(),
                null, INFO, error, null);
    }

    @Test
    void aSmallResultIsWrittenAsIs() throws Exception {
        StepResult r = check(tests(3, "expected 5, found 6"), new CompileResult(true, null, 300L), null);
        String json = TerminationMessage.render(r);
        assertThat(Json.MAPPER.readValue(json, StepResult.class)).isEqualTo(r);
        assertThat(json).doesNotContain("truncated");
    }

    @Test
    void aThousandTestsAreCutToFitAndSaySo() throws Exception {
        StepResult r = check(tests(1000, "wrong answer: expected token 17 to be 'yes' but found 'no' on line 3"),
                new CompileResult(true, "warning: unused variable 'x'", 300L), null);

        String json = TerminationMessage.render(r);

        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(StepResult.MAX_BYTES);
        StepResult back = Json.MAPPER.readValue(json, StepResult.class);
        assertThat(back.truncated()).isTrue();
        assertThat(back.testCount()).isEqualTo(1000);
        assertThat(back.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(back.score()).isEqualTo(666.0);
        assertThat(back.judge()).isEqualTo(INFO);
        assertThat(back.tests()).hasSizeBetween(10, 999);
        for (int i = 0; i < back.tests().size(); i++) {
            assertThat(back.tests().get(i).name()).as("a prefix, in order").isEqualTo("test-" + i);
            assertThat(back.tests().get(i).message()).hasSizeLessThanOrEqualTo(TerminationMessage.TEST_MESSAGE_CHARS);
        }
        // As many as fit: one more (shortened the same way) would not.
        int kept = back.tests().size();
        TestResult next = r.tests().get(kept);
        List<TestResult> more = new ArrayList<>(back.tests());
        more.add(new TestResult(next.name(), next.verdict(), next.timeMs(), next.memoryKiB(), next.exitCode(), next.signal(),
                next.points(), back.tests().get(0).message()));
        StepResult oneMore = new StepResult(back.step(), back.verdict(), back.score(), back.maxScore(), back.timeMs(),
                back.memoryKiB(), back.compile(), more, back.testCount(), true, back.judge(), back.error(), back.nodeFault());
        assertThat(Json.write(oneMore).getBytes(StandardCharsets.UTF_8).length).isGreaterThan(StepResult.MAX_BYTES);
    }

    @Test
    void longMultiByteMessagesStayValidAndWithinTheLimit() throws Exception {
        String compilerOutput = "main.cpp:1:1: erreur: « ∀x ∃y » \u0001\u0002 \"quoted\" \\ 😀".repeat(400);
        StepResult compile = new StepResult(StepResult.Step.COMPILE, Verdict.COMPILE_ERROR, null, null, null, null,
                new CompileResult(false, compilerOutput, 900L), null, null, null, INFO, null, null);

        String json = TerminationMessage.render(compile);

        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(StepResult.MAX_BYTES);
        JsonNode node = Json.MAPPER.readTree(json);
        assertThat(node.get("truncated").asBoolean()).isTrue();
        assertThat(node.get("compile").get("message").asText()).startsWith("main.cpp:1:1: erreur: « ∀x ∃y »").endsWith("...")
                .doesNotContain("\uFFFD");
        assertThat(node.get("verdict").asText()).isEqualTo("CompileError");
    }

    @Test
    void evenAHugeErrorAndThousandsOfTestsFit() throws Exception {
        StepResult r = check(tests(5000, "m".repeat(500)), new CompileResult(true, "w".repeat(100_000), 1L), "e".repeat(100_000));
        String json = TerminationMessage.render(r);
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(StepResult.MAX_BYTES);
        StepResult back = Json.MAPPER.readValue(json, StepResult.class);
        assertThat(back.testCount()).isEqualTo(5000);
        assertThat(back.truncated()).isTrue();
    }
}
