package io.kubejudge.api.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kubejudge.api.result.CompileResult;
import io.kubejudge.api.result.TestResult;
import io.kubejudge.api.result.Verdict;
import io.kubejudge.api.v1alpha1.JudgeSubmissionStatus;

/**
 * One change of a submission as the operator publishes it on the submission's events channel
 * (the operator's {@code SubmissionEvent}: phase, verdict, score, maxScore, queuePosition,
 * testsDone, message, terminal, ...). Every field is optional. {@code type} may name the change
 * ({@code phase}, {@code queue}, {@code compile}, {@code test}, {@code verdict}); when absent it is
 * derived from the fields present. Unknown fields are ignored so the operator may add some.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperatorEvent(
        String type,
        String submission,
        JudgeSubmissionStatus.Phase phase,
        Verdict verdict,
        String message,
        Double score,
        Double maxScore,
        Long timeMs,
        Long memoryKiB,
        Integer queuePosition,
        CompileResult compile,
        TestResult test,
        Integer testsDone,
        Integer testCount,
        Boolean terminal) {

    public String kind() {
        if (type != null && !type.isBlank()) {
            return type;
        }
        if (verdict != null || isFinal()) {
            return "verdict";
        }
        if (test != null || testsDone != null) {
            return "test";
        }
        if (compile != null) {
            return "compile";
        }
        if (phase != null) {
            return "phase";
        }
        if (queuePosition != null) {
            return "queue";
        }
        return "update";
    }

    public boolean isFinal() {
        return Boolean.TRUE.equals(terminal) || (phase != null && phase.isFinal());
    }
}
