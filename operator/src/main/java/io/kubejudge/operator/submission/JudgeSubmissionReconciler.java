package io.kubejudge.operator.submission;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
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
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.JudgeLabels;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.operator.admission.AdmissionQueue;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.admission.QueuePositionRefresher;
import io.kubejudge.operator.archive.SubmissionArchive;
import io.kubejudge.operator.job.JobSummaryStore;
import io.kubejudge.operator.job.JudgeJobs;
import io.kubejudge.operator.pool.PoolHealth;
import io.kubejudge.operator.problem.ProblemCheck;
import io.kubejudge.operator.result.JudgeOutcome;
import io.kubejudge.operator.result.JudgingObserver;
import io.kubejudge.operator.result.JudgingState;
import io.kubejudge.operator.result.ResultAssembler;
import io.kubejudge.operator.result.RunProgressFollower;
import io.kubejudge.operator.result.TerminationMessages;
import io.kubejudge.operator.job.JobFactory;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A submission's lifecycle: validated, queued, admitted into its pool as a Job, its verdict read
 * back, retained for a while, archived and deleted. Each phase has one method below.
 */
@ControllerConfiguration(name = JudgeSubmissionReconciler.NAME)
public class JudgeSubmissionReconciler implements Reconciler<JudgeSubmission>, Cleaner<JudgeSubmission> {
    public static final String NAME = "judgesubmission";
    private static final Logger LOG = LoggerFactory.getLogger(JudgeSubmissionReconciler.class);
    static final String PROBLEM_INDEX = "problem";
    static final String POOL_INDEX = "pool";
    static final Duration REFERENCE_RECHECK = Duration.ofSeconds(2);
    static final Duration ARCHIVE_RETRY = Duration.ofSeconds(15);
    /** How long a Job we just created may be missing from the informer before we ask the API server. */
    static final Duration JOB_CACHE_WAIT = Duration.ofSeconds(5);
    private static final PatchContext STATUS_PATCH = PatchContext.of(PatchType.JSON);

    private final OperatorSettings settings;
    private final AdmissionQueue queue;
    private final JudgeJobs jobs;
    private final SubmissionStatusRecorder recorder;
    private final JudgingObserver observer;
    private final RunProgressFollower progress;
    private final SubmissionArchive archive;
    private final PoolHealth poolHealth;
    private final QueuePositionRefresher positions;
    private final Clock clock;
    private final SimpleInboundEventSource<JudgeSubmission> admissions = new SimpleInboundEventSource<>("admissions");
    private final Object bootstrapLock = new Object();
    private volatile boolean bootstrapped;

    @Inject
    public JudgeSubmissionReconciler(OperatorSettings settings, AdmissionQueue queue, JudgeJobs jobs,
                                     SubmissionStatusRecorder recorder, SubmissionArchive archive, PoolHealth poolHealth,
                                     QueuePositionRefresher positions, Clock clock) {
        this.positions = positions;
        this.settings = settings;
        this.queue = queue;
        this.jobs = jobs;
        this.recorder = recorder;
        this.observer = new JudgingObserver(settings.unschedulableTimeout());
        this.progress = new RunProgressFollower(settings.progressInterval(), jobs::runProgress);
        this.archive = archive;
        this.poolHealth = poolHealth;
        this.clock = clock;
    }

    /** Wakes a submission up (its slot was granted, or its coarse queue position moved). */
    public void wake(String namespace, String name) {
        admissions.propagateEvent(new ResourceID(name, namespace));
    }

    @Override
    public List<EventSource<?, JudgeSubmission>> prepareEventSources(EventSourceContext<JudgeSubmission> context) {
        context.getPrimaryCache().addIndexer(PROBLEM_INDEX, s -> List.of(problemKey(s)));
        context.getPrimaryCache().addIndexer(POOL_INDEX, s -> List.of(poolKey(s).toString()));

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
                .withName("pods")
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
                .withSecondaryToPrimaryMapper((JudgeNodePool p) -> waitingFor(context, POOL_INDEX,
                        new PoolKey(p.getMetadata().getNamespace(), p.getMetadata().getName()).toString()))
                .build();
        sources.addAll(List.of(new InformerEventSource<>(podConfig, context),
                new InformerEventSource<>(problemConfig, context), new InformerEventSource<>(poolConfig, context),
                admissions));
        return sources;
    }

    /** Only submissions still waiting for a missing problem or pool care when one appears. */
    private static Set<ResourceID> waitingFor(EventSourceContext<JudgeSubmission> context, String index, String key) {
        return context.getPrimaryCache().byIndex(index, key).stream()
                .filter(s -> s.getStatus() == null || s.getStatus().getPhase() == null
                        || (s.getStatus().getPhase() == Phase.QUEUED && s.getStatus().getQueuedAt() == null))
                .map(ResourceID::fromResource)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public UpdateControl<JudgeSubmission> reconcile(JudgeSubmission submission, Context<JudgeSubmission> context) {
        bootstrap(context);
        JudgeSubmissionStatus status = SubmissionStatusRecorder.copyOf(submission.getStatus());
        Phase phase = status.getPhase();
        int rejudge = orZero(submission.getSpec().getRejudge());
        if (phase != null && phase != Phase.REJECTED && rejudge > orZero(status.getObservedRejudge())) {
            return rejudge(submission, status, context);
        }
        if (Boolean.TRUE.equals(submission.getSpec().getCancel()) && (phase == null || !phase.isFinal())) {
            return cancel(submission, status, context);
        }
        if (phase == null || (phase == Phase.QUEUED && status.getQueuedAt() == null)) {
            return validateAndQueue(submission, status, context);
        }
        return switch (phase) {
            case QUEUED -> waitForSlot(submission, status, context);
            case RUNNING -> followJob(submission, status, context);
            default -> retain(submission, status, context);
        };
    }

    private UpdateControl<JudgeSubmission> validateAndQueue(JudgeSubmission s, JudgeSubmissionStatus status,
                                                           Context<JudgeSubmission> context) {
        Optional<JudgeProblem> problem = context.getSecondaryResource(JudgeProblem.class);
        Optional<JudgeNodePool> pool = context.getSecondaryResource(JudgeNodePool.class);
        List<String> errors = SubmissionValidator.validate(s, problem.orElse(null), pool.orElse(null));
        Instant now = clock.instant();
        // A problem reported invalid may be waiting for its data ConfigMaps, applied just after it.
        boolean problemInvalid = problem.filter(p -> !ProblemCheck.currentErrors(p).isEmpty()).isPresent();
        if ((problem.isEmpty() || pool.isEmpty() || problemInvalid) && age(s, now).compareTo(settings.missingReferenceGrace()) < 0
                && s.getSpec().getProblem() != null && s.getSpec().getPool() != null) {
            status.setPhase(Phase.QUEUED);
            status.setMessage("waiting for " + String.join(" and ", errors.stream()
                    .filter(e -> e.contains("not found") || e.contains(SubmissionValidator.PROBLEM_INVALID)).toList()));
            status.setObservedGeneration(s.getMetadata().getGeneration());
            record(s, status, context);
            return UpdateControl.<JudgeSubmission>noUpdate().rescheduleAfter(REFERENCE_RECHECK.toMillis());
        }
        if (!errors.isEmpty()) {
            status.setPhase(Phase.REJECTED);
            status.setMessage(String.join("; ", errors));
            status.setCompletedAt(now.toString());
            status.setObservedRejudge(orZero(s.getSpec().getRejudge()));
            status.setObservedGeneration(s.getMetadata().getGeneration());
            SubmissionConditions.set(status.getConditions(), SubmissionConditions.COMPLETED, true, "Rejected",
                    status.getMessage(), s.getMetadata().getGeneration(), now.toString());
            record(s, status, context);
            return retentionReschedule(status, now);
        }
        status.setPhase(Phase.QUEUED);
        status.setMessage(null);
        status.setQueuedAt(now.toString());
        status.setObservedRejudge(orZero(s.getSpec().getRejudge()));
        status.setObservedGeneration(s.getMetadata().getGeneration());
        queue.enqueue(poolKey(s), s.getMetadata().getName(), s.getSpec().getUserId(), s.getSpec().getPriority());
        return admitOrWait(s, status, context, problem.get(), pool.get());
    }

    private UpdateControl<JudgeSubmission> waitForSlot(JudgeSubmission s, JudgeSubmissionStatus status,
                                                       Context<JudgeSubmission> context) {
        Optional<JudgeProblem> problem = context.getSecondaryResource(JudgeProblem.class);
        Optional<JudgeNodePool> pool = context.getSecondaryResource(JudgeNodePool.class);
        if (problem.isEmpty() || pool.isEmpty()) {
            // Deleted while we waited: judging against nothing is impossible, so it is a rejection.
            queue.release(poolKey(s), s.getMetadata().getName());
            status.setPhase(Phase.REJECTED);
            status.setMessage(String.join("; ", SubmissionValidator.validate(s, problem.orElse(null), pool.orElse(null))));
            status.setCompletedAt(clock.instant().toString());
            SubmissionConditions.set(status.getConditions(), SubmissionConditions.COMPLETED, true, "Rejected",
                    status.getMessage(), s.getMetadata().getGeneration(), clock.instant().toString());
            record(s, status, context);
            return retentionReschedule(status, clock.instant());
        }
        queue.enqueue(poolKey(s), s.getMetadata().getName(), s.getSpec().getUserId(), s.getSpec().getPriority());
        return admitOrWait(s, status, context, problem.get(), pool.get());
    }

    private UpdateControl<JudgeSubmission> admitOrWait(JudgeSubmission s, JudgeSubmissionStatus status,
                                                       Context<JudgeSubmission> context, JudgeProblem problem,
                                                       JudgeNodePool pool) {
        PoolKey key = poolKey(s);
        queue.setCapacity(key, orZero(pool.getSpec().getReplicas()));
        admitWaiting(key, s.getMetadata().getName());
        if (queue.isHolding(key, s.getMetadata().getName())) {
            return startAttempt(s, status, context, problem, pool, 1);
        }
        Integer position = queue.position(key, s.getMetadata().getName()).orElse(null);
        if (QueuePositionRefresher.coarselyDifferent(status.getQueuePosition(), position)) {
            status.setQueuePosition(position);
        }
        record(s, status, context);
        positions.written(key, s.getMetadata().getName(), status.getQueuePosition());
        return UpdateControl.noUpdate();
    }

    /** Grants free slots and wakes the submissions that got one (except the caller, who goes on). */
    private void admitWaiting(PoolKey key, String self) {
        for (String admitted : queue.admit(key)) {
            if (!admitted.equals(self)) {
                wake(key.namespace(), admitted);
            }
        }
    }

    private UpdateControl<JudgeSubmission> startAttempt(JudgeSubmission s, JudgeSubmissionStatus status,
                                                        Context<JudgeSubmission> context, JudgeProblem problem,
                                                        JudgeNodePool pool, int attempt) {
        int rejudge = orZero(status.getObservedRejudge());
        // The Job exists before the status names it: a status saying Running always has a Job behind
        // it, so a missing Job later means it was lost, never that it was not made yet.
        String jobName = jobs.start(s, problem, pool, rejudge, attempt);
        String now = clock.instant().toString();
        status.setPhase(Phase.RUNNING);
        status.setAttempts(attempt);
        status.setJobName(jobName);
        status.setQueuePosition(null);
        status.setMessage(attempt > 1 ? status.getMessage() : null);
        if (status.getAdmittedAt() == null) {
            status.setAdmittedAt(now);
        }
        SubmissionConditions.set(status.getConditions(), SubmissionConditions.ADMITTED, true, "JobCreated",
                "Job " + jobName + " (attempt " + attempt + ")", s.getMetadata().getGeneration(), now);
        record(s, status, context);
        return UpdateControl.<JudgeSubmission>noUpdate().rescheduleAfter(JudgingObserver.RECHECK.toMillis());
    }

    private UpdateControl<JudgeSubmission> followJob(JudgeSubmission s, JudgeSubmissionStatus status,
                                                     Context<JudgeSubmission> context) {
        String ns = s.getMetadata().getNamespace();
        PoolKey key = poolKey(s);
        queue.hold(key, s.getMetadata().getName());
        String jobName = status.getJobName();
        Optional<Job> cached = context.getSecondaryResources(Job.class).stream()
                .filter(j -> j.getMetadata().getName().equals(jobName)).findFirst();
        if (cached.isEmpty() && recentlyStarted(status)) {
            // Our own create has not reached the informer yet (its arrival wakes nobody): look again shortly.
            return UpdateControl.<JudgeSubmission>noUpdate().rescheduleAfter(JOB_CACHE_WAIT.toMillis());
        }
        Job job = cached.or(() -> jobs.fetch(ns, jobName)).orElse(null);
        Set<Pod> submissionPods = context.getSecondaryResources(Pod.class);
        List<Pod> pods = submissionPods.stream()
                .filter(p -> p.getMetadata().getLabels() != null && jobName.equals(p.getMetadata().getLabels().get(JudgeJobs.JOB_NAME_LABEL)))
                .toList();
        if (job == null && pods.isEmpty()) {
            // Rare (the Job went): ask the API server, which also knows pods the label-mapped cache cannot.
            pods = jobs.podsOf(ns, jobName);
        }
        jobs.releaseUnneeded(submissionPods, jobName);
        JudgingState state = observer.observe(job, pods, clock.instant());
        if (state instanceof JudgingState.InProgress inProgress) {
            Duration recheck = progress.follow(ns, jobName, pods, p -> recorder.progressed(s, p))
                    .filter(d -> d.compareTo(inProgress.recheck()) < 0).orElse(inProgress.recheck());
            return UpdateControl.<JudgeSubmission>noUpdate().rescheduleAfter(recheck.toMillis());
        }
        progress.forget(ns, jobName);
        if (state instanceof JudgingState.Finished finished) {
            Pod pod = finished.pod();
            JudgeOutcome outcome = ResultAssembler.assemble(TerminationMessages.of(pod, JobFactory.COMPILE),
                    TerminationMessages.of(pod, JobFactory.RUN), TerminationMessages.of(pod, JobFactory.CHECK),
                    () -> jobs.checkLog(ns, pod.getMetadata().getName()));
            if (outcome.systemError()) {
                // A judge that cannot report a verdict is the pool's problem (image, runner), not the program's.
                poolHealth.failed(key, outcome.message(), clock.instant());
            }
            UpdateControl<JudgeSubmission> done = finish(s, status, context, outcome,
                    pod.getSpec() == null ? null : pod.getSpec().getNodeName());
            // The verdict is in the status: the pods may go (PodFinalizer).
            jobs.releaseUnneeded(pods, null);
            return done;
        }
        if (state instanceof JudgingState.Broken broken) {
            jobs.delete(ns, jobName);
            poolHealth.failed(key, broken.reason(), clock.instant());
            return finish(s, status, context, JudgeOutcome.systemError(broken.reason()), null);
        }
        String reason = state instanceof JudgingState.Disrupted d ? d.reason()
                : "Job " + jobName + " disappeared before its result was read";
        jobs.delete(ns, jobName);
        int attempts = orZero(status.getAttempts());
        if (attempts >= settings.maxAttempts()) {
            return finish(s, status, context, JudgeOutcome.systemError("gave up after " + attempts
                    + " attempts; last: " + reason), null);
        }
        Optional<JudgeProblem> problem = context.getSecondaryResource(JudgeProblem.class);
        Optional<JudgeNodePool> pool = context.getSecondaryResource(JudgeNodePool.class);
        if (problem.isEmpty() || pool.isEmpty()) {
            return finish(s, status, context, JudgeOutcome.systemError(reason + "; cannot retry: "
                    + (problem.isEmpty() ? "problem" : "pool") + " is gone"), null);
        }
        status.setMessage("attempt " + attempts + " lost: " + reason);
        return startAttempt(s, status, context, problem.get(), pool.get(), attempts + 1);
    }

    private UpdateControl<JudgeSubmission> finish(JudgeSubmission s, JudgeSubmissionStatus status,
                                                  Context<JudgeSubmission> context, JudgeOutcome outcome, String node) {
        Instant now = clock.instant();
        status.setPhase(outcome.systemError() ? Phase.FAILED : Phase.COMPLETED);
        status.setVerdict(outcome.verdict());
        status.setScore(outcome.score());
        status.setMaxScore(outcome.maxScore());
        status.setTimeMs(outcome.timeMs());
        status.setMemoryKiB(outcome.memoryKiB());
        status.setCompile(outcome.compile());
        status.setTests(outcome.tests());
        status.setMessage(outcome.message());
        status.setCompletedAt(now.toString());
        status.setQueuePosition(null);
        JudgeSubmissionStatus.JudgeInfo judge = new JudgeSubmissionStatus.JudgeInfo();
        judge.setPool(s.getSpec().getPool());
        judge.setNode(node);
        if (outcome.judge() != null) {
            judge.setRunnerVersion(outcome.judge().runnerVersion());
            judge.setCompilerVersion(outcome.judge().compilerVersion());
            judge.setLandlock(outcome.judge().landlock());
        }
        status.setJudge(judge);
        SubmissionConditions.set(status.getConditions(), SubmissionConditions.COMPLETED, true,
                outcome.verdict().wireName(), outcome.message(), s.getMetadata().getGeneration(), now.toString());
        record(s, status, context);
        // Only after the verdict is written does the slot go to the next submission.
        queue.release(poolKey(s), s.getMetadata().getName());
        admitWaiting(poolKey(s), null);
        return retentionReschedule(status, now);
    }

    private UpdateControl<JudgeSubmission> cancel(JudgeSubmission s, JudgeSubmissionStatus status,
                                                  Context<JudgeSubmission> context) {
        jobs.delete(s.getMetadata().getNamespace(), status.getJobName());
        progress.forget(s.getMetadata().getNamespace(), status.getJobName());
        Instant now = clock.instant();
        status.setPhase(Phase.CANCELLED);
        status.setVerdict(io.kubejudge.model.result.Verdict.CANCELLED);
        status.setMessage("cancelled through spec.cancel");
        status.setCompletedAt(now.toString());
        status.setQueuePosition(null);
        SubmissionConditions.set(status.getConditions(), SubmissionConditions.COMPLETED, true, "Cancelled",
                status.getMessage(), s.getMetadata().getGeneration(), now.toString());
        record(s, status, context);
        queue.release(poolKey(s), s.getMetadata().getName());
        admitWaiting(poolKey(s), null);
        return retentionReschedule(status, now);
    }

    private UpdateControl<JudgeSubmission> rejudge(JudgeSubmission s, JudgeSubmissionStatus status,
                                                   Context<JudgeSubmission> context) {
        if (status.getPhase() == Phase.RUNNING) {
            jobs.delete(s.getMetadata().getNamespace(), status.getJobName());
            progress.forget(s.getMetadata().getNamespace(), status.getJobName());
        }
        queue.release(poolKey(s), s.getMetadata().getName());
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
        fresh.setObservedRejudge(orZero(s.getSpec().getRejudge()));
        fresh.setObservedGeneration(s.getMetadata().getGeneration());
        fresh.setPhase(Phase.QUEUED);
        fresh.setQueuedAt(clock.instant().toString());
        fresh.setMessage("rejudge " + fresh.getObservedRejudge());
        admitWaiting(poolKey(s), null);
        Optional<JudgeProblem> problem = context.getSecondaryResource(JudgeProblem.class);
        Optional<JudgeNodePool> pool = context.getSecondaryResource(JudgeNodePool.class);
        List<String> errors = SubmissionValidator.validate(s, problem.orElse(null), pool.orElse(null));
        if (!errors.isEmpty()) {
            fresh.setPhase(Phase.REJECTED);
            fresh.setMessage(String.join("; ", errors));
            fresh.setCompletedAt(clock.instant().toString());
            record(s, fresh, context);
            return retentionReschedule(fresh, clock.instant());
        }
        queue.enqueue(poolKey(s), s.getMetadata().getName(), s.getSpec().getUserId(), s.getSpec().getPriority());
        return admitOrWait(s, fresh, context, problem.get(), pool.get());
    }

    private UpdateControl<JudgeSubmission> retain(JudgeSubmission s, JudgeSubmissionStatus status,
                                                  Context<JudgeSubmission> context) {
        queue.release(poolKey(s), s.getMetadata().getName());
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

    @Override
    public DeleteControl cleanup(JudgeSubmission s, Context<JudgeSubmission> context) {
        JudgeSubmissionStatus status = s.getStatus();
        jobs.releaseUnneeded(context.getSecondaryResources(Pod.class), null);
        queue.release(poolKey(s), s.getMetadata().getName());
        admitWaiting(poolKey(s), null);
        boolean finished = status != null && status.getPhase() != null && status.getPhase().isFinal();
        if (!finished) {
            jobs.deleteAll(s.getMetadata().getNamespace(), s.getMetadata().getName(), status == null ? null : status.getJobName());
            progress.forget(s.getMetadata().getNamespace(), status == null ? null : status.getJobName());
        }
        if (archive.enabled()) {
            JudgeSubmission record = s;
            if (!finished) {
                // Deleting an unfinished submission cancels it; the archive says so.
                JudgeSubmissionStatus cancelled = SubmissionStatusRecorder.copyOf(status);
                cancelled.setPhase(Phase.CANCELLED);
                cancelled.setVerdict(io.kubejudge.model.result.Verdict.CANCELLED);
                cancelled.setMessage("cancelled by deleting the resource");
                cancelled.setCompletedAt(clock.instant().toString());
                record = new JudgeSubmission();
                record.setMetadata(s.getMetadata());
                record.setSpec(s.getSpec());
                record.setStatus(cancelled);
            }
            try {
                archive.store(record);
            } catch (RuntimeException e) {
                LOG.info("archive of deleted {}/{} not written yet ({}); deletion waits", s.getMetadata().getNamespace(),
                        s.getMetadata().getName(), e.toString());
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(ARCHIVE_RETRY.toMillis());
            }
        }
        return DeleteControl.defaultDelete();
    }

    /**
     * After a restart the queue is rebuilt from the cache before anything is admitted: Running
     * submissions hold their slots, Queued ones line up in the order they were queued.
     */
    private void bootstrap(Context<JudgeSubmission> context) {
        if (bootstrapped) {
            return;
        }
        synchronized (bootstrapLock) {
            if (bootstrapped) {
                return;
            }
            List<JudgeSubmission> all = context.getPrimaryCache().list().toList();
            all.stream().filter(s -> s.getStatus() != null && s.getStatus().getPhase() == Phase.RUNNING)
                    .forEach(s -> queue.hold(poolKey(s), s.getMetadata().getName()));
            all.stream().filter(s -> s.getStatus() != null && s.getStatus().getPhase() == Phase.QUEUED
                            && s.getStatus().getQueuedAt() != null && !Boolean.TRUE.equals(s.getSpec().getCancel()))
                    .sorted(Comparator.comparing((JudgeSubmission s) -> s.getStatus().getQueuedAt()))
                    .forEach(s -> queue.enqueue(poolKey(s), s.getMetadata().getName(), s.getSpec().getUserId(),
                            s.getSpec().getPriority()));
            releaseOrphanPods(context, all);
            bootstrapped = true;
            queue.markRebuilt();
            positions.start(this::wake);
            LOG.info("admission queue rebuilt from {} submissions", all.size());
        }
    }

    /**
     * Judge pods of submissions that no longer exist (their finalizer removed by hand) have nobody
     * to let go of them; those of existing submissions are let go of by their reconciliations.
     */
    @SuppressWarnings("unchecked")
    private void releaseOrphanPods(Context<JudgeSubmission> context, List<JudgeSubmission> all) {
        if (!(context.eventSourceRetriever().getEventSourceFor(Pod.class, "pods")
                instanceof io.javaoperatorsdk.operator.processing.event.source.Cache<?> cache)) {
            return;
        }
        Set<String> known = all.stream().map(s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName())
                .collect(java.util.stream.Collectors.toSet());
        List<Pod> orphans = ((io.javaoperatorsdk.operator.processing.event.source.Cache<Pod>) cache).list(p -> {
            String owner = p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(JudgeLabels.SUBMISSION);
            return owner != null && !known.contains(p.getMetadata().getNamespace() + "/" + owner);
        }).toList();
        try {
            jobs.releaseUnneeded(orphans, null);
        } catch (RuntimeException e) {
            // Worth a warning, not worth holding up the start: the next start tries again.
            LOG.warn("could not let go of {} judge pods of deleted submissions: {}", orphans.size(), e.toString());
        }
    }

    private void record(JudgeSubmission s, JudgeSubmissionStatus status, Context<JudgeSubmission> context) {
        // The whole status in one JSON patch operation: the operator is its only writer, so this is
        // what a diff against the cached resource would say, without copying and writing out the
        // whole resource twice to compute it. Through JOSDK, which caches the answer for the next
        // reconciliation and drops the event of our own write.
        recorder.record(s, status, (current, wanted) -> context.resourceOperations().resourcePatch(current,
                r -> context.getClient().resource(r).subresource("status").patch(STATUS_PATCH,
                        SubmissionStatusRecorder.replaceStatusPatch(context.getClient().getKubernetesSerialization(), wanted)),
                context.eventSourceRetriever().getControllerEventSource()));
    }

    private UpdateControl<JudgeSubmission> retentionReschedule(JudgeSubmissionStatus status, Instant now) {
        if (!archive.enabled()) {
            return UpdateControl.noUpdate();
        }
        Instant due = completedAt(status).plus(settings.retention());
        return UpdateControl.<JudgeSubmission>noUpdate()
                .rescheduleAfter(Math.max(1, Duration.between(now, due).toMillis() + 1), TimeUnit.MILLISECONDS);
    }

    private boolean recentlyStarted(JudgeSubmissionStatus status) {
        Optional<Instant> started = status.getConditions().stream()
                .filter(c -> SubmissionConditions.ADMITTED.equals(c.getType()) && "True".equals(c.getStatus()))
                .map(c -> c.getLastTransitionTime()).filter(java.util.Objects::nonNull).findFirst()
                .flatMap(t -> {
                    try {
                        return Optional.of(Instant.parse(t));
                    } catch (RuntimeException e) {
                        return Optional.empty();
                    }
                });
        // A retry's Job is named after its attempt; an Admitted condition set for attempt 1 is older.
        boolean firstAttempt = status.getAttempts() == null || status.getAttempts() <= 1;
        return firstAttempt && started.isPresent()
                && Duration.between(started.get(), clock.instant()).compareTo(JOB_CACHE_WAIT) < 0;
    }

    private Instant completedAt(JudgeSubmissionStatus status) {
        try {
            return status.getCompletedAt() == null ? clock.instant() : Instant.parse(status.getCompletedAt());
        } catch (RuntimeException e) {
            return clock.instant();
        }
    }

    private static Duration age(JudgeSubmission s, Instant now) {
        try {
            return Duration.between(Instant.parse(s.getMetadata().getCreationTimestamp()), now);
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
    }

    static PoolKey poolKey(JudgeSubmission s) {
        return new PoolKey(s.getMetadata().getNamespace(), s.getSpec().getPool() == null ? "default" : s.getSpec().getPool());
    }

    private static String problemKey(JudgeSubmission s) {
        return s.getMetadata().getNamespace() + "/" + s.getSpec().getProblem();
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
