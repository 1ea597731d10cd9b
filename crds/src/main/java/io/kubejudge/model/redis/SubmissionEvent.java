package io.kubejudge.model.redis;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.kubejudge.model.result.CompileResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;

/**
 * One change of a submission as the live stream carries it: the operator publishes it on the
 * submission's channel and event log (see {@link RedisKeys}), the API relays it to SSE clients.
 *
 * <p>It is a summary of the status after the change, not a diff. Per-test progress is
 * {@code testsDone}: while the judge runs, the operator reads how many tests ran from the run
 * step's log ({@link io.kubejudge.model.result.RunProgress}) and publishes it without a status change.
 *
 * <p>Readers may be older than writers (API and operator are upgraded separately), so unknown
 * fields are ignored and an unknown phase or verdict reads as absent rather than failing the event.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubmissionEvent(
        String namespace,
        String submission,
        String submissionId,
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) Phase phase,
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) Verdict verdict,
        Double score,
        Double maxScore,
        Long timeMs,
        Long memoryKiB,
        CompileResult compile,
        Integer queuePosition,
        Integer attempts,
        Integer testsDone,
        String message,
        boolean terminal,
        String at) {

    /** The event of {@code s}'s current status, stamped {@code at} (RFC 3339). */
    public static SubmissionEvent of(JudgeSubmission s, String at) {
        JudgeSubmissionStatus st = s.getStatus() == null ? new JudgeSubmissionStatus() : s.getStatus();
        return new SubmissionEvent(s.getMetadata().getNamespace(), s.getMetadata().getName(),
                s.getSpec() == null ? null : s.getSpec().getSubmissionId(),
                st.getPhase(), st.getVerdict(), st.getScore(), st.getMaxScore(), st.getTimeMs(), st.getMemoryKiB(),
                st.getCompile(), st.getQueuePosition(), st.getAttempts(),
                st.getTests() == null || st.getTests().isEmpty() ? null : st.getTests().size(),
                st.getMessage(), st.getPhase() != null && st.getPhase().isFinal(), at);
    }

    /** This event with {@code done} tests run so far (progress the status does not hold). */
    public SubmissionEvent withTestsDone(int done) {
        return new SubmissionEvent(namespace, submission, submissionId, phase, verdict, score, maxScore, timeMs, memoryKiB,
                compile, queuePosition, attempts, done, message, terminal, at);
    }

    /** Whether nothing more will happen to the submission (until a rejudge). */
    @JsonIgnore
    public boolean isFinal() {
        return terminal || (phase != null && phase.isFinal());
    }
}
