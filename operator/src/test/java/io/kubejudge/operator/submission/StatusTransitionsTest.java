package io.kubejudge.operator.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.result.JudgeOutcome;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StatusTransitionsTest {
    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant LATER = Instant.parse("2026-01-01T10:05:00Z");

    @Test
    void everyTerminalTransitionSetsPhaseMessageCompletionAndTheCompletedCondition() {
        JudgeSubmission s = Fixtures.submission("s1");
        s.getMetadata().setGeneration(3L);
        List<Function<JudgeSubmissionStatus, JudgeSubmissionStatus>> terminal = List.of(
                st -> StatusTransitions.rejected(st, s, "spec.problem: JudgeProblem 'x' not found", LATER),
                st -> StatusTransitions.cancelled(st, s, "cancelled through spec.cancel", LATER),
                st -> StatusTransitions.finished(st, s, JudgeOutcome.systemError("judge Job s1-1 failed"), "node-a", LATER));
        for (var transition : terminal) {
            JudgeSubmissionStatus running = StatusTransitions.admitted(
                    StatusTransitions.queued(new JudgeSubmissionStatus(), s, NOW), s, "s1-1", 1, NOW);
            running.setQueuePosition(4);
            JudgeSubmissionStatus done = transition.apply(running);
            assertThat(done.getPhase().isFinal()).isTrue();
            assertThat(done.getMessage()).isNotBlank();
            assertThat(done.getCompletedAt()).isEqualTo(LATER.toString());
            assertThat(done.getQueuePosition()).isNull();
            assertThat(done.getObservedGeneration()).isEqualTo(3L);
            assertThat(done.getConditions()).filteredOn(c -> c.getType().equals(SubmissionConditions.COMPLETED)).singleElement()
                    .satisfies(c -> {
                        assertThat(c.getStatus()).isEqualTo("True");
                        assertThat(c.getMessage()).isEqualTo(done.getMessage());
                        assertThat(c.getLastTransitionTime()).isEqualTo(LATER.toString());
                        assertThat(c.getObservedGeneration()).isEqualTo(3L);
                    });
        }
    }

    @Test
    void aRejudgeThatCannotBeJudgedIsRejectedWithItsCompletedCondition() {
        JudgeSubmission s = Fixtures.submission("s1");
        JudgeSubmissionStatus judged = StatusTransitions.finished(StatusTransitions.admitted(new JudgeSubmissionStatus(), s,
                "s1-1", 1, NOW), s, new JudgeOutcome(Verdict.ACCEPTED, 1.0, 1.0, 5L, 100L, null, List.of(), null, null, false), "n", NOW);
        s.getSpec().setRejudge(1);
        JudgeSubmissionStatus rejected = StatusTransitions.rejected(StatusTransitions.rejudged(judged, s, LATER), s,
                "spec.problem: JudgeProblem 'aplusb' not found", LATER);
        assertThat(rejected.getPhase()).isEqualTo(Phase.REJECTED);
        assertThat(rejected.getObservedRejudge()).isEqualTo(1);
        assertThat(rejected.getHistory()).singleElement().satisfies(h -> assertThat(h.getVerdict()).isEqualTo(Verdict.ACCEPTED));
        assertThat(rejected.getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo(SubmissionConditions.COMPLETED);
            assertThat(c.getReason()).isEqualTo("Rejected");
            assertThat(c.getStatus()).isEqualTo("True");
        });
    }

    @Test
    void aRequeueKeepsAttemptsAndQueueTimeAndTurnsAdmittedFalse() {
        JudgeSubmission s = Fixtures.submission("s1");
        JudgeSubmissionStatus running = StatusTransitions.admitted(StatusTransitions.queued(new JudgeSubmissionStatus(), s, NOW),
                s, "s1-1", 1, NOW);
        JudgeSubmissionStatus requeued = StatusTransitions.requeued(running, s, "SeccompProfileMissing: no profile", LATER);
        assertThat(requeued.getPhase()).isEqualTo(Phase.QUEUED);
        assertThat(requeued.getAttempts()).isEqualTo(1);
        assertThat(requeued.getRequeues()).isEqualTo(1);
        assertThat(requeued.getQueuedAt()).isEqualTo(NOW.toString());
        assertThat(requeued.getCompletedAt()).isNull();
        assertThat(requeued.getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo(SubmissionConditions.ADMITTED);
            assertThat(c.getStatus()).isEqualTo("False");
        });
        JudgeSubmissionStatus again = StatusTransitions.admitted(requeued, s, "s1-2", 2, LATER.plusSeconds(60));
        assertThat(again.getMessage()).as("a requeue's message is not kept like a retry's").isNull();
        assertThat(again.getConditions()).singleElement().satisfies(c ->
                assertThat(c.getLastTransitionTime()).isEqualTo(LATER.plusSeconds(60).toString()));
    }
}
