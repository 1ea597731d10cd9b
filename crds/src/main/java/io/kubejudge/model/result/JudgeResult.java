package io.kubejudge.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The whole verdict of a submission as the runner reports it: {@code kubejudge judge --json},
 * the check step's full report, and what the operator copies into the status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JudgeResult(
        Verdict verdict,
        double score,
        double maxScore,
        long timeMs,
        long memoryKiB,
        CompileResult compile,
        List<TestResult> tests,
        JudgeInfo judge) {

    /** Versions that produced a result, so that a verdict can be explained later. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JudgeInfo(String runnerVersion, String language, String compilerVersion, Boolean landlock) {
    }
}
