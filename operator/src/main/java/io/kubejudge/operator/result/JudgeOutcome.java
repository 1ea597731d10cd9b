package io.kubejudge.operator.result;

import io.kubejudge.model.result.CompileResult;
import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import java.util.List;

/**
 * A judging's end as the status records it. {@code systemError} means the judge, not the program,
 * failed (malformed result, lost steps, infrastructure): the submission ends {@code Failed}.
 */
public record JudgeOutcome(
        Verdict verdict,
        Double score,
        Double maxScore,
        Long timeMs,
        Long memoryKiB,
        CompileResult compile,
        List<TestResult> tests,
        JudgeResult.JudgeInfo judge,
        String message,
        boolean systemError) {

    public static JudgeOutcome systemError(String reason) {
        return new JudgeOutcome(Verdict.SYSTEM_ERROR, null, null, null, null, null, List.of(), null, reason, true);
    }
}
