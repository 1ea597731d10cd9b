package io.kubejudge.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The compact result one pod step ({@code compile}, {@code run}, {@code check}) writes to its
 * container's termination message (at most {@link #MAX_BYTES} bytes). When the tests do not fit,
 * {@code tests} holds a prefix and {@code truncated} is true: the full report is in the check
 * container's log. {@code error} says why a step failed; {@code nodeFault}, when set, says that
 * the node (not the submission) is why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepResult(
        Step step,
        Verdict verdict,
        Double score,
        Double maxScore,
        Long timeMs,
        Long memoryKiB,
        CompileResult compile,
        List<TestResult> tests,
        Integer testCount,
        Boolean truncated,
        JudgeResult.JudgeInfo judge,
        String error,
        NodeFault nodeFault) {

    /** The kubelet's limit on one container's termination message. */
    public static final int MAX_BYTES = 4096;

    public enum Step {
        @com.fasterxml.jackson.annotation.JsonProperty("compile") COMPILE,
        @com.fasterxml.jackson.annotation.JsonProperty("run") RUN,
        @com.fasterxml.jackson.annotation.JsonProperty("check") CHECK
    }
}
