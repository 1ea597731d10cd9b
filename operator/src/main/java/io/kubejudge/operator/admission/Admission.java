package io.kubejudge.operator.admission;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.kubejudge.model.result.NodeFault;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.job.JudgeJobs;
import io.kubejudge.operator.problem.ProblemCheck;
import io.kubejudge.operator.result.JudgingObserver;
import io.kubejudge.operator.retention.Retention;
import io.kubejudge.operator.submission.StatusTransitions;
import io.kubejudge.operator.submission.SubmissionStatusRecorder;
import io.kubejudge.operator.submission.SubmissionValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A submission's way into its pool: validated against its problem and pool (waiting a grace
 * period for ones that may still appear), queued, and given a slot, at which point its Job is
 * created. Rejudges and node-fault requeues come back through here.
 */
public final class Admission {
    static final Duration REFERENCE_RECHECK = Duration.ofSeconds(2);

    private final OperatorSettings settings;
    private final AdmissionQueue queue;
    private final NodeFaultHolds holds;
    private final JudgeJobs jobs;
    private final SubmissionStatusRecorder recorder;
    private final QueuePositionRefresher positions;
    private final Retention retention;
    private final Clock clock;

    public Admission(OperatorSettings settings, AdmissionQueue queue, NodeFaultHolds holds, JudgeJobs jobs,
                     SubmissionStatusRecorder recorder, QueuePositionRefresher positions, Retention retention, Clock clock) {
        this.settings = settings;
        this.queue = queue;
        this.holds = holds;
        this.jobs = jobs;
        this.recorder = recorder;
        this.positions = positions;
        this.retention = retention;
        this.clock = clock;
    }

    /** A new submission (or one still waiting for its problem or pool): checked, then queued. */
    public UpdateControl<JudgeSubmission> validateAndQueue(JudgeSubmission s, JudgeSubmissionStatus status,
                                                           Context<JudgeSubmission> context) {
        Optional<JudgeProblem> problem = context.getSecondaryResource(JudgeProblem.class);
        Optional<JudgeNodePool> pool = context.getSecondaryResource(JudgeNodePool.class);
        List<String> errors = SubmissionValidator.validate(s, problem.orElse(null), pool.orElse(null));
        Instant now = clock.instant();
        // A problem reported invalid may be waiting for its data ConfigMaps, applied just after it.
        boolean problemInvalid = problem.filter(p -> !ProblemCheck.currentErrors(p).isEmpty()).isPresent();
        if ((problem.isEmpty() || pool.isEmpty() || problemInvalid) && age(s, now).compareTo(settings.missingReferenceGrace()) < 0
                && s.getSpec().getProblem() != null && s.getSpec().getPool() != null) {
            recorder.record(s, StatusTransitions.waitingForReferences(status, s, "waiting for " + String.join(" and ",
                    errors.stream().filter(e -> e.contains("not found") || e.contains(SubmissionValidator.PROBLEM_INVALID)).toList())),
                    context);
            return UpdateControl.<JudgeSubmission>noUpdate().rescheduleAfter(REFERENCE_RECHECK.toMillis());
        }
        if (!errors.isEmpty()) {
            return reject(s, status, context, String.join("; ", errors), now);
        }
        StatusTransitions.queued(status, s, now);
        queue.enqueue(PoolKey.of(s), s.getMetadata().getName(), s.getSpec().getUserId(), s.getSpec().getPriority());
        return admitOrWait(s, status, context, problem.get(), pool.get());
    }

    /** A queued submission woken up: its slot was granted, its position moved, or it was restarted. */
    public UpdateControl<JudgeSubmission> waitForSlot(JudgeSubmission s, JudgeSubmissionStatus status,
                                                      Context<JudgeSubmission> context) {
        Optional<JudgeProblem> problem = context.getSecondaryResource(JudgeProblem.class);
        Optional<JudgeNodePool> pool = context.getSecondaryResource(JudgeNodePool.class);
        if (problem.isEmpty() || pool.isEmpty()) {
            // Deleted while we waited: judging against nothing is impossible, so it is a rejection.
            queue.release(PoolKey.of(s), s.getMetadata().getName());
            return reject(s, status, context,
                    String.join("; ", SubmissionValidator.validate(s, problem.orElse(null), pool.orElse(null))), clock.instant());
        }
        queue.enqueue(PoolKey.of(s), s.getMetadata().getName(), s.getSpec().getUserId(), s.getSpec().getPriority());
        return admitOrWait(s, status, context, problem.get(), pool.get());
    }

    /** {@code spec.rejudge} moved (any running Job is already stopped): judged afresh, from the queue. */
    public UpdateControl<JudgeSubmission> rejudge(JudgeSubmission s, JudgeSubmissionStatus status,
                                                  Context<JudgeSubmission> context) {
        release(s);
        JudgeSubmissionStatus fresh = StatusTransitions.rejudged(status, s, clock.instant());
        Optional<JudgeProblem> problem = context.getSecondaryResource(JudgeProblem.class);
        Optional<JudgeNodePool> pool = context.getSecondaryResource(JudgeNodePool.class);
        List<String> errors = SubmissionValidator.validate(s, problem.orElse(null), pool.orElse(null));
        if (!errors.isEmpty()) {
            return reject(s, fresh, context, String.join("; ", errors), clock.instant());
        }
        queue.enqueue(PoolKey.of(s), s.getMetadata().getName(), s.getSpec().getUserId(), s.getSpec().getPriority());
        return admitOrWait(s, fresh, context, problem.get(), pool.get());
    }

    /**
     * Its judge could not run on the pool's nodes (the Job is already gone): back at the head of
     * the queue, the pool Degraded and its queue paused; the attempt is not counted.
     */
    public UpdateControl<JudgeSubmission> requeue(JudgeSubmission s, JudgeSubmissionStatus status,
                                                  Context<JudgeSubmission> context, NodeFault fault) {
        PoolKey key = PoolKey.of(s);
        Instant now = clock.instant();
        Optional<JudgeNodePool> pool = context.getSecondaryResource(JudgeNodePool.class);
        holds.fault(key, fault, pool.map(p -> p.getMetadata().getGeneration()).orElse(null), now);
        queue.requeueFirst(key, s.getMetadata().getName(), s.getSpec().getUserId(), s.getSpec().getPriority());
        StatusTransitions.requeued(status, s, fault.reason() + ": " + fault.message(), now);
        recorder.record(s, status, context);
        // Nothing else announces that the hold ran out: look again then.
        return UpdateControl.<JudgeSubmission>noUpdate().rescheduleAfter(NodeFaultHolds.memory().toMillis() + 1);
    }

    /**
     * Creates the Job of attempt {@code attempt} and records {@code Running}. The Job exists before
     * the status names it: a status saying Running always has a Job behind it, so a missing Job
     * later means it was lost, never that it was not made yet.
     */
    public UpdateControl<JudgeSubmission> start(JudgeSubmission s, JudgeSubmissionStatus status, Context<JudgeSubmission> context,
                                                JudgeProblem problem, JudgeNodePool pool, int attempt) {
        int rejudge = orZero(status.getObservedRejudge());
        String jobName = jobs.start(s, problem, pool, rejudge, attempt);
        recorder.record(s, StatusTransitions.admitted(status, s, jobName, attempt, clock.instant()), context);
        return UpdateControl.<JudgeSubmission>noUpdate().rescheduleAfter(JudgingObserver.RECHECK.toMillis());
    }

    /** The submission no longer waits nor holds a slot; the slot goes to the next in line. */
    public void release(JudgeSubmission s) {
        PoolKey key = PoolKey.of(s);
        queue.release(key, s.getMetadata().getName());
        queue.admit(key);
    }

    /** Its judging ended normally: a node fault that paused the pool is over. */
    public void judgedNormally(JudgeSubmission s) {
        holds.judged(PoolKey.of(s));
    }

    private UpdateControl<JudgeSubmission> admitOrWait(JudgeSubmission s, JudgeSubmissionStatus status,
                                                       Context<JudgeSubmission> context, JudgeProblem problem,
                                                       JudgeNodePool pool) {
        PoolKey key = PoolKey.of(s);
        String name = s.getMetadata().getName();
        Instant now = clock.instant();
        queue.setCapacity(key, orZero(pool.getSpec().getReplicas()));
        Optional<NodeFaultHolds.Hold> hold = holds.current(key, pool.getMetadata().getGeneration(), now);
        queue.admit(key, name);
        if (queue.isHolding(key, name)) {
            return start(s, status, context, problem, pool, orZero(status.getAttempts()) + 1);
        }
        Integer position = queue.position(key, name).orElse(null);
        if (QueuePositionRefresher.coarselyDifferent(status.getQueuePosition(), position)) {
            status.setQueuePosition(position);
        }
        hold.ifPresent(h -> status.setMessage("waiting: pool " + key.pool() + " is degraded by a node fault ("
                + h.reason() + ") until " + h.until() + " or until its spec changes"));
        recorder.record(s, status, context);
        positions.written(key, name, status.getQueuePosition());
        // Whoever waits on a paused pool looks again when the hold runs out (nothing else announces it).
        return hold.map(h -> UpdateControl.<JudgeSubmission>noUpdate()
                        .rescheduleAfter(Math.max(1, Duration.between(now, h.until()).toMillis() + 1)))
                .orElseGet(UpdateControl::noUpdate);
    }

    private UpdateControl<JudgeSubmission> reject(JudgeSubmission s, JudgeSubmissionStatus status,
                                                  Context<JudgeSubmission> context, String message, Instant now) {
        recorder.record(s, StatusTransitions.rejected(status, s, message, now), context);
        return retention.afterCompletion(status, now);
    }

    private static Duration age(JudgeSubmission s, Instant now) {
        try {
            return Duration.between(Instant.parse(s.getMetadata().getCreationTimestamp()), now);
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
