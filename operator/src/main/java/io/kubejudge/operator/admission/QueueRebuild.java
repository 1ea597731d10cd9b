package io.kubejudge.operator.admission;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.job.JudgeJobs;
import io.kubejudge.operator.job.OrphanPods;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a (re)start the queue is rebuilt from the cache before anything is admitted: Running
 * submissions hold their slots, Queued ones line up in the order they were queued. Runs once, on
 * the first reconciliation (the caches are synced by then); the orphaned judge pods are let go of
 * at the same time.
 */
public final class QueueRebuild {
    private static final Logger LOG = LoggerFactory.getLogger(QueueRebuild.class);
    /** The name of the submission reconciler's pod event source. */
    public static final String PODS = "pods";

    private final AdmissionQueue queue;
    private final JudgeJobs jobs;
    private final QueuePositionRefresher positions;
    private final AdmissionWakeups wakeups;
    private final Object lock = new Object();
    private volatile boolean done;

    public QueueRebuild(AdmissionQueue queue, JudgeJobs jobs, QueuePositionRefresher positions, AdmissionWakeups wakeups) {
        this.queue = queue;
        this.jobs = jobs;
        this.positions = positions;
        this.wakeups = wakeups;
    }

    public void onceFrom(Context<JudgeSubmission> context) {
        if (done) {
            return;
        }
        synchronized (lock) {
            if (done) {
                return;
            }
            List<JudgeSubmission> all = context.getPrimaryCache().list().toList();
            all.stream().filter(s -> s.getStatus() != null && s.getStatus().getPhase() == Phase.RUNNING)
                    .forEach(s -> queue.hold(PoolKey.of(s), s.getMetadata().getName()));
            all.stream().filter(s -> s.getStatus() != null && s.getStatus().getPhase() == Phase.QUEUED
                            && s.getStatus().getQueuedAt() != null && !Boolean.TRUE.equals(s.getSpec().getCancel()))
                    .sorted(Comparator.comparing((JudgeSubmission s) -> s.getStatus().getQueuedAt()))
                    .forEach(s -> queue.enqueue(PoolKey.of(s), s.getMetadata().getName(), s.getSpec().getUserId(),
                            s.getSpec().getPriority()));
            releaseOrphanPods(context, all);
            done = true;
            queue.markRebuilt();
            positions.start(wakeups::wake);
            LOG.info("admission queue rebuilt from {} submissions", all.size());
        }
    }

    @SuppressWarnings("unchecked")
    private void releaseOrphanPods(Context<JudgeSubmission> context, List<JudgeSubmission> all) {
        if (context.eventSourceRetriever().getEventSourceFor(Pod.class, PODS) instanceof Cache<?> cache) {
            OrphanPods.release(jobs, ((Cache<Pod>) cache).list().toList(), all);
        }
    }
}
