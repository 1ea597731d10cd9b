package io.kubejudge.operator.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.result.JudgeOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which transitions get an Event: the ends and the unusual, not the routine admission. */
class KubernetesEventEmitterTest {
    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    final JudgeSubmission s = Fixtures.submission("s1");

    JudgeSubmission with(JudgeSubmissionStatus status) {
        JudgeSubmission copy = new JudgeSubmission();
        copy.setMetadata(s.getMetadata());
        copy.setSpec(s.getSpec());
        copy.setStatus(status == null ? null : SubmissionStatusRecorder.copyOf(status));
        return copy;
    }

    @Test
    void queuingAndAFirstAdmissionAreNoEventTheEndIsOneThatSumsUp() {
        JudgeSubmissionStatus queued = StatusTransitions.queued(new JudgeSubmissionStatus(), s, NOW);
        JudgeSubmissionStatus running = StatusTransitions.admitted(SubmissionStatusRecorder.copyOf(queued), s, "s1-1", 1, NOW);
        JudgeSubmissionStatus done = StatusTransitions.finished(SubmissionStatusRecorder.copyOf(running), s,
                new JudgeOutcome(Verdict.ACCEPTED, 2.0, 2.0, 5L, 10L, null, List.of(), null, null, false), "n", NOW);
        assertThat(KubernetesEventEmitter.worthAnEvent(with(null), with(queued))).isFalse();
        assertThat(KubernetesEventEmitter.worthAnEvent(with(null), with(running))).isFalse();
        assertThat(KubernetesEventEmitter.worthAnEvent(with(queued), with(running))).isFalse();
        assertThat(KubernetesEventEmitter.worthAnEvent(with(running), with(done))).isTrue();
        assertThat(KubernetesEventEmitter.worthAnEvent(with(done), with(done))).isFalse();
        var event = new KubernetesEventEmitter(null, Clock.systemUTC()).build(with(done), done.getPhase());
        assertThat(event.getReason()).isEqualTo("Judged");
        assertThat(event.getMessage()).isEqualTo("verdict Accepted, score 2.0/2.0 (Job s1-1, attempt 1)");
    }

    @Test
    void aRetryAndARequeueAreEventsOfTheirOwn() {
        JudgeSubmissionStatus running = StatusTransitions.admitted(new JudgeSubmissionStatus(), s, "s1-1", 1, NOW);
        JudgeSubmissionStatus retried = SubmissionStatusRecorder.copyOf(running);
        retried.setMessage("attempt 1 lost: pod evicted");
        StatusTransitions.admitted(retried, s, "s1-2", 2, NOW);
        assertThat(KubernetesEventEmitter.worthAnEvent(with(running), with(retried))).isTrue();
        var retry = new KubernetesEventEmitter(null, Clock.systemUTC()).build(with(retried), retried.getPhase());
        assertThat(retry.getReason()).isEqualTo("Retried");
        assertThat(retry.getMessage()).isEqualTo("Job s1-2 created (attempt 2): attempt 1 lost: pod evicted");

        JudgeSubmissionStatus requeued = StatusTransitions.requeued(SubmissionStatusRecorder.copyOf(running), s,
                "SeccompProfileMissing: no profile", NOW);
        assertThat(KubernetesEventEmitter.worthAnEvent(with(running), with(requeued))).isTrue();
        var requeue = new KubernetesEventEmitter(null, Clock.systemUTC()).build(with(requeued), requeued.getPhase());
        assertThat(requeue.getReason()).isEqualTo("Requeued");
        assertThat(requeue.getType()).isEqualTo("Warning");
        JudgeSubmissionStatus readmitted = StatusTransitions.admitted(SubmissionStatusRecorder.copyOf(requeued), s, "s1-2", 2, NOW);
        assertThat(KubernetesEventEmitter.worthAnEvent(with(requeued), with(readmitted)))
                .as("admitted again after a requeue: routine").isFalse();
    }
}
