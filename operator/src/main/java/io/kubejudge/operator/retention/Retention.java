package io.kubejudge.operator.retention;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.operator.admission.AdmissionQueue;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.archive.SubmissionArchive;
import io.kubejudge.operator.job.JudgeJobs;
import io.kubejudge.operator.submission.StatusTransitions;
import io.kubejudge.operator.submission.SubmissionStatusRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A finished submission's last stretch: kept as a resource for {@code kubejudge.retention}, then
 * written to the archive (Redis) and deleted; a deleted one is archived before its finalizer goes.
 * Without an archive nothing is ever deleted.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    static final Duration ARCHIVE_RETRY = Duration.ofSeconds(15);

    private final OperatorSettings settings;
    private final AdmissionQueue queue;
    private final JudgeJobs jobs;
    private final SubmissionArchive archive;
    private final Clock clock;

    public Retention(OperatorSettings settings, AdmissionQueue queue, JudgeJobs jobs, SubmissionArchive archive, Clock clock) {
        this.settings = settings;
        this.queue = queue;
        this.jobs = jobs;
        this.archive = archive;
        this.clock = clock;
    }

    /** What a reconciliation that just ended a judging returns: look again when retention is over. */
    public UpdateControl<JudgeSubmission> afterCompletion(JudgeSubmissionStatus status, Instant now) {
        if (!archive.enabled()) {
            return UpdateControl.noUpdate();
        }
        Instant due = completedAt(status).plus(settings.retention());
        return UpdateControl.<JudgeSubmission>noUpdate()
                .rescheduleAfter(Math.max(1, Duration.between(now, due).toMillis() + 1), TimeUnit.MILLISECONDS);
    }

    /** A finished submission: archived and deleted once its retention is over. */
    public UpdateControl<JudgeSubmission> retain(JudgeSubmission s, JudgeSubmissionStatus status, Context<JudgeSubmission> context) {
        queue.release(PoolKey.of(s), s.getMetadata().getName());
        // Pods still held after the verdict was written (an operator stopped in between).
        jobs.releaseUnneeded(context.getSecondaryResources(Pod.class), null);
        if (!archive.enabled()) {
            return UpdateControl.noUpdate();
        }
        Instant now = clock.instant();
        Instant due = completedAt(status).plus(settings.retention());
        if (now.isBefore(due)) {
            return UpdateControl.<JudgeSubmission>noUpdate().rescheduleAfter(Duration.between(now, due).toMillis() + 1);
        }
        try {
            archive.store(s);
        } catch (RuntimeException e) {
            LOG.info("archive of {}/{} not written yet ({}); the resource stays until it is",
                    s.getMetadata().getNamespace(), s.getMetadata().getName(), e.toString());
            return UpdateControl.<JudgeSubmission>noUpdate().rescheduleAfter(ARCHIVE_RETRY.toMillis());
        }
        context.getClient().resource(s).delete();
        return UpdateControl.noUpdate();
    }

    /**
     * The resource is being deleted: archived first (an unfinished one as cancelled); deletion
     * waits until the archive has it.
     */
    public DeleteControl archiveDeleted(JudgeSubmission s) {
        if (!archive.enabled()) {
            return DeleteControl.defaultDelete();
        }
        JudgeSubmissionStatus status = s.getStatus();
        boolean finished = status != null && status.getPhase() != null && status.getPhase().isFinal();
        JudgeSubmission record = s;
        if (!finished) {
            // Deleting an unfinished submission cancels it; the archive says so.
            record = new JudgeSubmission();
            record.setMetadata(s.getMetadata());
            record.setSpec(s.getSpec());
            record.setStatus(StatusTransitions.cancelled(SubmissionStatusRecorder.copyOf(status), s,
                    "cancelled by deleting the resource", clock.instant()));
        }
        try {
            archive.store(record);
        } catch (RuntimeException e) {
            LOG.info("archive of deleted {}/{} not written yet ({}); deletion waits", s.getMetadata().getNamespace(),
                    s.getMetadata().getName(), e.toString());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(ARCHIVE_RETRY.toMillis());
        }
        return DeleteControl.defaultDelete();
    }

    private Instant completedAt(JudgeSubmissionStatus status) {
        try {
            return status.getCompletedAt() == null ? clock.instant() : Instant.parse(status.getCompletedAt());
        } catch (RuntimeException e) {
            return clock.instant();
        }
    }
}
