package io.kubejudge.operator.submission;

import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.result.JudgeOutcome;
import java.time.Instant;

/**
 * Every change of a submission's phase, in one place: what each transition sets. The terminal ones
 * (rejected, finished, cancelled) all go through {@link #complete}, so phase, message, completion
 * time, queue position and the {@code Completed} condition always agree. Each method changes the
 * given copy of the status (see {@link SubmissionStatusRecorder#copyOf}); the recorder writes it.
 */
public final class StatusTransitions {
    private StatusTransitions() {
    }

    /** Waiting for a problem, pool or problem data that may still appear (not yet in the queue). */
    public static JudgeSubmissionStatus waitingForReferences(JudgeSubmissionStatus status, JudgeSubmission s, String message) {
        status.setPhase(Phase.QUEUED);
        status.setMessage(message);
        status.setObservedGeneration(s.getMetadata().getGeneration());
        return status;
    }

    /** Accepted into its pool's queue. */
    public static JudgeSubmissionStatus queued(JudgeSubmissionStatus status, JudgeSubmission s, Instant now) {
        status.setPhase(Phase.QUEUED);
        status.setMessage(null);
        status.setQueuedAt(now.toString());
        status.setObservedRejudge(orZero(s.getSpec().getRejudge()));
        status.setObservedGeneration(s.getMetadata().getGeneration());
        return status;
    }

    /**
     * Judged again ({@code spec.rejudge} moved): the last verdict goes into the history and the
     * rest of the status starts afresh, back in the queue.
     */
    public static JudgeSubmissionStatus rejudged(JudgeSubmissionStatus status, JudgeSubmission s, Instant now) {
        if (status.getVerdict() != null) {
            JudgeSubmissionStatus.HistoryEntry entry = new JudgeSubmissionStatus.HistoryEntry();
            entry.setRejudge(orZero(status.getObservedRejudge()));
            entry.setVerdict(status.getVerdict());
            entry.setScore(status.getScore());
            entry.setTimeMs(status.getTimeMs());
            entry.setMemoryKiB(status.getMemoryKiB());
            entry.setCompletedAt(status.getCompletedAt());
            status.getHistory().add(entry);
        }
        JudgeSubmissionStatus fresh = new JudgeSubmissionStatus();
        fresh.setHistory(status.getHistory());
        queued(fresh, s, now);
        fresh.setMessage("rejudge " + fresh.getObservedRejudge());
        return fresh;
    }

    /** Its Job exists: {@code Running} from now on, attempt {@code attempt}. */
    public static JudgeSubmissionStatus admitted(JudgeSubmissionStatus status, JudgeSubmission s, String jobName,
                                                 int attempt, Instant now) {
        boolean retry = status.getAttempts() != null && status.getAttempts() > orZero(status.getRequeues());
        status.setPhase(Phase.RUNNING);
        status.setAttempts(attempt);
        status.setJobName(jobName);
        status.setQueuePosition(null);
        // A retry keeps the message saying why the last attempt was lost.
        status.setMessage(retry ? status.getMessage() : null);
        if (status.getAdmittedAt() == null) {
            status.setAdmittedAt(now.toString());
        }
        SubmissionConditions.set(status.getConditions(), SubmissionConditions.ADMITTED, true, "JobCreated",
                "Job " + jobName + " (attempt " + attempt + ")", s.getMetadata().getGeneration(), now.toString());
        return status;
    }

    /**
     * A node could not judge it (a {@code NodeFault}): back in the queue, keeping its place in time
     * ({@code queuedAt}) and its attempts, which this one does not count against.
     */
    public static JudgeSubmissionStatus requeued(JudgeSubmissionStatus status, JudgeSubmission s, String reason, Instant now) {
        status.setPhase(Phase.QUEUED);
        status.setRequeues(orZero(status.getRequeues()) + 1);
        status.setMessage("requeued: " + reason);
        status.setQueuePosition(null);
        if (status.getQueuedAt() == null) {
            status.setQueuedAt(now.toString());
        }
        SubmissionConditions.set(status.getConditions(), SubmissionConditions.ADMITTED, false, "Requeued",
                reason, s.getMetadata().getGeneration(), now.toString());
        return status;
    }

    /** Cannot be judged as it stands; never gets a Job (or no further one). */
    public static JudgeSubmissionStatus rejected(JudgeSubmissionStatus status, JudgeSubmission s, String message, Instant now) {
        status.setObservedRejudge(orZero(s.getSpec().getRejudge()));
        return complete(status, s, Phase.REJECTED, "Rejected", message, now);
    }

    /** The judge's outcome: {@code Completed} with a verdict, or {@code Failed} when the judge failed. */
    public static JudgeSubmissionStatus finished(JudgeSubmissionStatus status, JudgeSubmission s, JudgeOutcome outcome,
                                                 String node, Instant now) {
        status.setVerdict(outcome.verdict());
        status.setScore(outcome.score());
        status.setMaxScore(outcome.maxScore());
        status.setTimeMs(outcome.timeMs());
        status.setMemoryKiB(outcome.memoryKiB());
        status.setCompile(outcome.compile());
        status.setTests(outcome.tests());
        JudgeSubmissionStatus.JudgeInfo judge = new JudgeSubmissionStatus.JudgeInfo();
        judge.setPool(s.getSpec().getPool());
        judge.setNode(node);
        if (outcome.judge() != null) {
            judge.setRunnerVersion(outcome.judge().runnerVersion());
            judge.setCompilerVersion(outcome.judge().compilerVersion());
            judge.setLandlock(outcome.judge().landlock());
        }
        status.setJudge(judge);
        return complete(status, s, outcome.systemError() ? Phase.FAILED : Phase.COMPLETED, outcome.verdict().wireName(),
                outcome.message(), now);
    }

    /** Cancelled ({@code spec.cancel}, or the resource deleted before its verdict). */
    public static JudgeSubmissionStatus cancelled(JudgeSubmissionStatus status, JudgeSubmission s, String message, Instant now) {
        status.setVerdict(Verdict.CANCELLED);
        return complete(status, s, Phase.CANCELLED, "Cancelled", message, now);
    }

    private static JudgeSubmissionStatus complete(JudgeSubmissionStatus status, JudgeSubmission s, Phase phase,
                                                  String reason, String message, Instant now) {
        status.setPhase(phase);
        status.setMessage(message);
        status.setCompletedAt(now.toString());
        status.setQueuePosition(null);
        status.setObservedGeneration(s.getMetadata().getGeneration());
        SubmissionConditions.set(status.getConditions(), SubmissionConditions.COMPLETED, true, reason, message,
                s.getMetadata().getGeneration(), now.toString());
        return status;
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
