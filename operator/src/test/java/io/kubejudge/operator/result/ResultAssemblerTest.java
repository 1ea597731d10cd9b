package io.kubejudge.operator.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.kubejudge.model.result.Verdict;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResultAssemblerTest {

    static Optional<StepOutcome> step(String container, int exit, String message) {
        return Optional.of(TerminationMessages.parse(container,
                new ContainerStateTerminatedBuilder().withExitCode(exit).withMessage(message).withReason(exit == 0 ? "Completed" : "Error").build()));
    }

    static final Optional<StepOutcome> COMPILE_OK = step("compile", 0, "{\"step\":\"compile\",\"compile\":{\"success\":true,\"timeMs\":5}}");
    static final Optional<StepOutcome> RUN_OK = step("run", 0, "{\"step\":\"run\"}");

    @Test
    void checkVerdictIsTakenAsIs() {
        var check = step("check", 0, "{\"step\":\"check\",\"verdict\":\"WrongAnswer\",\"score\":1,\"maxScore\":3,\"timeMs\":7,"
                + "\"memoryKiB\":900,\"tests\":[{\"name\":\"a\",\"verdict\":\"Accepted\",\"points\":1},{\"name\":\"b\",\"verdict\":\"WrongAnswer\","
                + "\"points\":0,\"message\":\"expected 3, got 4\"}],\"judge\":{\"runnerVersion\":\"0.1\",\"compilerVersion\":\"gcc 12\"},\"extraField\":1}");
        JudgeOutcome o = ResultAssembler.assemble(COMPILE_OK, RUN_OK, check, Optional::empty);
        assertThat(o.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(o.systemError()).isFalse();
        assertThat(o.score()).isEqualTo(1.0);
        assertThat(o.maxScore()).isEqualTo(3.0);
        assertThat(o.tests()).extracting(t -> t.message()).containsExactly(null, "expected 3, got 4");
        assertThat(o.compile().success()).as("taken from the compile step when check has none").isTrue();
        assertThat(o.judge().compilerVersion()).isEqualTo("gcc 12");
    }

    @Test
    void truncatedCheckReadsTheFullReportFromTheLog() {
        var check = step("check", 0, "{\"step\":\"check\",\"verdict\":\"Accepted\",\"score\":3,\"maxScore\":3,"
                + "\"tests\":[{\"name\":\"a\",\"verdict\":\"Accepted\"}],\"testCount\":3,\"truncated\":true}");
        AtomicInteger reads = new AtomicInteger();
        String log = "compiling...\n{\"verdict\":\"Accepted\",\"score\":3,\"maxScore\":3,\"timeMs\":1,\"memoryKiB\":2,"
                + "\"tests\":[{\"name\":\"a\",\"verdict\":\"Accepted\"},{\"name\":\"b\",\"verdict\":\"Accepted\"},{\"name\":\"c\",\"verdict\":\"Accepted\"}]}\n";
        JudgeOutcome o = ResultAssembler.assemble(COMPILE_OK, RUN_OK, check, () -> {
            reads.incrementAndGet();
            return Optional.of(log);
        });
        assertThat(reads).hasValue(1);
        assertThat(o.tests()).extracting(t -> t.name()).containsExactly("a", "b", "c");
        assertThat(o.message()).isNull();

        JudgeOutcome noLog = ResultAssembler.assemble(COMPILE_OK, RUN_OK, check, Optional::empty);
        assertThat(noLog.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(noLog.tests()).hasSize(1);
        assertThat(noLog.message()).isEqualTo("per-test results cut to 1 of 3: the check container's log was unavailable");
    }

    @Test
    void untruncatedCheckNeverReadsTheLog() {
        var check = step("check", 0, "{\"step\":\"check\",\"verdict\":\"Accepted\",\"tests\":[]}");
        ResultAssembler.assemble(COMPILE_OK, RUN_OK, check, () -> {
            throw new AssertionError("log read");
        });
    }

    @Test
    void compileErrorFromTheCompileStepWhenCheckDidNotRun() {
        var compile = step("compile", 1, "{\"step\":\"compile\",\"verdict\":\"CompileError\",\"compile\":{\"success\":false,"
                + "\"message\":\"main.cpp:1: error: expected ';'\"}}");
        JudgeOutcome o = ResultAssembler.assemble(compile, Optional.empty(), Optional.empty(), Optional::empty);
        assertThat(o.verdict()).isEqualTo(Verdict.COMPILE_ERROR);
        assertThat(o.systemError()).isFalse();
        assertThat(o.compile().message()).contains("expected ';'");
    }

    @Test
    void longCompilerOutputIsShortened() {
        String huge = "e".repeat(10_000);
        var compile = step("compile", 1, "{\"step\":\"compile\",\"verdict\":\"CompileError\",\"compile\":{\"success\":false,\"message\":\"" + huge + "\"}}");
        JudgeOutcome o = ResultAssembler.assemble(compile, Optional.empty(), Optional.empty(), Optional::empty);
        assertThat(o.compile().message()).hasSize(ResultAssembler.MAX_COMPILE_MESSAGE + "\n[truncated]".length()).endsWith("[truncated]");
    }

    @Test
    void brokenMessagesAndStepErrorsAreSystemErrorsWithTheReason() {
        assertThat(ResultAssembler.assemble(COMPILE_OK, RUN_OK, step("check", 0, "not json"), Optional::empty).message())
                .startsWith("malformed termination message of container check (").endsWith("): not json");
        assertThat(ResultAssembler.assemble(COMPILE_OK, RUN_OK, step("check", 0, "{\"verdict\":\"Accepted\"}"), Optional::empty).message())
                .startsWith("malformed termination message of container check (no \"step\" field)");
        assertThat(ResultAssembler.assemble(COMPILE_OK, step("run", 2, "{\"step\":\"run\",\"error\":\"launcher: cannot exec\"}"),
                Optional.empty(), Optional::empty).message()).isEqualTo("step run failed: launcher: cannot exec");
        assertThat(ResultAssembler.assemble(COMPILE_OK, step("run", 137, ""), Optional.empty(), Optional::empty).message())
                .isEqualTo("container run exited with code 137 (Error) and left no termination message");
        JudgeOutcome unknownVerdict = ResultAssembler.assemble(COMPILE_OK, RUN_OK,
                step("check", 0, "{\"step\":\"check\",\"verdict\":\"Maybe\"}"), Optional::empty);
        assertThat(unknownVerdict.systemError()).isTrue();
        assertThat(unknownVerdict.message()).contains("malformed termination message of container check");
        assertThat(ResultAssembler.assemble(COMPILE_OK, RUN_OK, Optional.empty(), Optional::empty).verdict())
                .isEqualTo(Verdict.SYSTEM_ERROR);
    }

    @Test
    void checkLogParserTakesTheLastReportLine() {
        assertThat(TerminationMessages.parseCheckLog("{\"verdict\":\"WrongAnswer\"}\n{\"verdict\":\"Accepted\"}\n"))
                .hasValueSatisfying(r -> assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED));
        assertThat(TerminationMessages.parseCheckLog("garbage")).isEmpty();
        assertThat(TerminationMessages.parseCheckLog(null)).isEmpty();
    }
}
