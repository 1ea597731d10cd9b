package io.kubejudge.operator.submission;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.JudgeLabels;
import io.kubejudge.operator.OperatorComponents;
import io.kubejudge.operator.admission.Admission;
import io.kubejudge.operator.admission.AdmissionQueue;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.admission.AdmissionWakeups;
import io.kubejudge.operator.admission.NodeFaultHolds;
import io.kubejudge.operator.admission.QueueRebuild;
import io.kubejudge.operator.job.JobSummaryStore;
import io.kubejudge.operator.judging.Judging;
import io.kubejudge.operator.retention.Retention;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A submission's lifecycle, dispatched on its phase: {@link Admission} (validated, queued, given a
 * slot and a Job), {@link Judging} (the Job followed, the verdict recorded; cancel), {@link
 * Retention} (kept, archived, deleted). Status changes are {@link StatusTransitions}, written by the
 * {@link SubmissionStatusRecorder}.
 */
@ControllerConfiguration(name = JudgeSubmissionReconciler.NAME, finalizerName = JudgeSubmissionReconciler.FINALIZER)
public class JudgeSubmissionReconciler implements Reconciler<JudgeSubmission>, Cleaner<JudgeSubmission> {
    public static final String NAME = "judgesubmission";
    /** JOSDK's default name for this resource, stated so that creators can set it (see docs/architecture.md). */
    public static final String FINALIZER = JudgeSubmission.FINALIZER;
    static final String PROBLEM_INDEX = "problem";
    static final String POOL_INDEX = "pool";

    private final QueueRebuild rebuild;
    private final Admission admission;
    private final Judging judging;
    private final Retention retention;
    private final AdmissionWakeups wakeups;
    private final AdmissionQueue queue;
    private final NodeFaultHolds holds;

    @Inject
    public JudgeSubmissionReconciler(OperatorComponents c) {
        this.rebuild = c.queueRebuild();
        this.admission = c.admission();
        this.judging = c.judging();
        this.retention = c.retention();
        this.wakeups = c.wakeups();
        this.queue = c.queue();
        this.holds = c.nodeFaultHolds();
    }

    @Override
    public UpdateControl<JudgeSubmission> reconcile(JudgeSubmission submission, Context<JudgeSubmission> context) {
        rebuild.onceFrom(context);
        JudgeSubmissionStatus status = SubmissionStatusRecorder.copyOf(submission.getStatus());
        Phase phase = status.getPhase();
        if (phase != null && phase != Phase.REJECTED && orZero(submission.getSpec().getRejudge()) > orZero(status.getObservedRejudge())) {
            if (phase == Phase.RUNNING) {
                judging.stop(submission, status);
            }
            return admission.rejudge(submission, status, context);
        }
        if (Boolean.TRUE.equals(submission.getSpec().getCancel()) && (phase == null || !phase.isFinal())) {
            return judging.cancel(submission, status, context);
        }
        if (phase == null || (phase == Phase.QUEUED && status.getQueuedAt() == null)) {
            return admission.validateAndQueue(submission, status, context);
        }
        return switch (phase) {
            case QUEUED -> admission.waitForSlot(submission, status, context);
            case RUNNING -> judging.follow(submission, status, context);
            default -> retention.retain(submission, status, context);
        };
    }

    @Override
    public DeleteControl cleanup(JudgeSubmission s, Context<JudgeSubmission> context) {
        judging.releasePods(context.getSecondaryResources(Pod.class));
        boolean finished = s.getStatus() != null && s.getStatus().getPhase() != null && s.getStatus().getPhase().isFinal();
        admission.release(s);
        if (!finished) {
            judging.abandon(s);
        }
        return retention.archiveDeleted(s);
    }

    @Override
    public List<EventSource<?, JudgeSubmission>> prepareEventSources(EventSourceContext<JudgeSubmission> context) {
        context.getPrimaryCache().addIndexer(PROBLEM_INDEX, s -> List.of(problemKey(s)));
        context.getPrimaryCache().addIndexer(POOL_INDEX, s -> List.of(PoolKey.of(s).toString()));

        List<EventSource<?, JudgeSubmission>> sources = new ArrayList<>();
        // Jobs are cached without their pod template (JobSummaryStore), one store per informer and
        // so one event source per namespace. A Job appearing wakes nobody: the operator made it a
        // moment ago (or, after a restart, reconciles every submission anyway), and a new Job has
        // nothing to read yet; its changes do wake its submission.
        for (String namespace : context.getControllerConfiguration().getEffectiveNamespaces()) {
            JobSummaryStore store = new JobSummaryStore();
            sources.add(new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, JudgeSubmission.class)
                    .withName("jobs-" + namespace)
                    .withNamespaces(Set.of(namespace))
                    .withLabelSelector(JudgeLabels.JUDGE_SELECTOR)
                    .withItemStore(store)
                    .withOnAddFilter(job -> false)
                    .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(JudgeSubmission.class))
                    .build(), context) {
                @Override
                public synchronized void stop() {
                    super.stop();
                    store.clear();
                }
            });
        }
        var podConfig = InformerEventSourceConfiguration.from(Pod.class, JudgeSubmission.class)
                .withName(QueueRebuild.PODS)
                .withLabelSelector(JudgeLabels.JUDGE_SELECTOR)
                .withSecondaryToPrimaryMapper((Pod p) -> p.getMetadata().getLabels() == null
                        || p.getMetadata().getLabels().get(JudgeLabels.SUBMISSION) == null ? Set.of()
                        : Set.of(new ResourceID(p.getMetadata().getLabels().get(JudgeLabels.SUBMISSION), p.getMetadata().getNamespace())))
                .build();
        var problemConfig = InformerEventSourceConfiguration.from(JudgeProblem.class, JudgeSubmission.class)
                .withName("problems")
                .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<JudgeSubmission>) s ->
                        Set.of(new ResourceID(s.getSpec().getProblem(), s.getMetadata().getNamespace())))
                .withSecondaryToPrimaryMapper((JudgeProblem p) -> waitingFor(context, PROBLEM_INDEX,
                        p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()))
                .build();
        var poolConfig = InformerEventSourceConfiguration.from(JudgeNodePool.class, JudgeSubmission.class)
                .withName("pools")
                .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<JudgeSubmission>) s ->
                        Set.of(new ResourceID(s.getSpec().getPool(), s.getMetadata().getNamespace())))
                .withSecondaryToPrimaryMapper((JudgeNodePool p) -> {
                    PoolKey key = new PoolKey(p.getMetadata().getNamespace(), p.getMetadata().getName());
                    return Stream.concat(waitingFor(context, POOL_INDEX, key.toString()).stream(), headIfHeld(key))
                            .collect(Collectors.toSet());
                })
                .build();
        sources.addAll(List.of(new InformerEventSource<>(podConfig, context),
                new InformerEventSource<>(problemConfig, context), new InformerEventSource<>(poolConfig, context),
                wakeups));
        return sources;
    }

    /** Only submissions still waiting for a missing problem or pool care when one appears. */
    private static Set<ResourceID> waitingFor(EventSourceContext<JudgeSubmission> context, String index, String key) {
        return context.getPrimaryCache().byIndex(index, key).stream()
                .filter(s -> s.getStatus() == null || s.getStatus().getPhase() == null
                        || (s.getStatus().getPhase() == Phase.QUEUED && s.getStatus().getQueuedAt() == null))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    /**
     * A pool paused by a node fault may be fixed by changing it: its first waiting submission looks
     * (lifting the hold admits the rest).
     */
    private Stream<ResourceID> headIfHeld(PoolKey key) {
        if (!holds.holding(key)) {
            return Stream.empty();
        }
        return queue.waiting(key).stream().limit(1).map(e -> new ResourceID(e.name(), key.namespace()));
    }

    private static String problemKey(JudgeSubmission s) {
        return s.getMetadata().getNamespace() + "/" + s.getSpec().getProblem();
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
