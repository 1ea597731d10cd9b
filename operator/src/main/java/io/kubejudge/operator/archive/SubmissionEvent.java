package io.kubejudge.operator.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kubejudge.api.v1alpha1.JudgeSubmission;
import io.kubejudge.api.v1alpha1.JudgeSubmissionStatus;

/**
 * One change of a submission as the live stream carries it (Redis channel and event log, see
 * {@link RedisKeys}). {@code testsDone}/{@code testCount} give progress once per-test results exist.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmissionEvent(
        String namespace,
        String submission,
        String submissionId,
        String phase,
        String verdict,
        Double score,
        Double maxScore,
        Integer queuePosition,
        Integer attempts,
        Integer testsDone,
        String message,
        boolean terminal,
        String at) {

    public static SubmissionEvent of(JudgeSubmission s, String at) {
        JudgeSubmissionStatus st = s.getStatus() == null ? new JudgeSubmissionStatus() : s.getStatus();
        return new SubmissionEvent(s.getMetadata().getNamespace(), s.getMetadata().getName(),
                s.getSpec() == null ? null : s.getSpec().getSubmissionId(),
                st.getPhase() == null ? null : wire(st.getPhase()),
                st.getVerdict() == null ? null : st.getVerdict().wireName(),
                st.getScore(), st.getMaxScore(), st.getQueuePosition(), st.getAttempts(),
                st.getTests() == null || st.getTests().isEmpty() ? null : st.getTests().size(),
                st.getMessage(), st.getPhase() != null && st.getPhase().isFinal(), at);
    }

    private static String wire(JudgeSubmissionStatus.Phase phase) {
        String n = phase.name();
        return n.charAt(0) + n.substring(1).toLowerCase();
    }
}
