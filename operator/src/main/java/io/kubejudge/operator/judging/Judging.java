package io.kubejudge.operator.judging;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.operator.admission.Admission;
import io.kubejudge.operator.admission.AdmissionQueue;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.job.JobFactory;
import io.kubejudge.operator.job.JudgeJobs;
import io.kubejudge.operator.pool.PoolHealth;
import io.kubejudge.operator.result.JudgeOutcome;
import io.kubejudge.operator.result.JudgingObserver;
import io.kubejudge.operator.result.JudgingState;
import io.kubejudge.operator.result.ResultAssembler;
import io.kubejudge.operator.result.RunProgressFollower;
import io.kubejudge.operator.result.TerminationMessages;
import io.kubejudge.operator.retention.Retention;
import io.kubejudge.operator.submission.StatusTransitions;
import io.kubejudge.operator.submission.SubmissionConditions;
import io.kubejudge.operator.submission.SubmissionStatusRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A running submission: its Job followed until the verdict can be read (or the judging is lost,
 * disrupted, broken, or hit a node fault), the verdict recorded, the slot passed on. Cancelling
 * and stopping a running judging live here too.
 */
public final class Judging {
    /** How long a Job we just created may be missing from the informer before we ask the API server. */
    static final Duration JOB_CACHE_WAIT = Duration.ofSeconds(5);

    private final OperatorSettings settings;
    private final AdmissionQueue queue;
    private final Admission admission;
    private final JudgeJobs jobs;
    private final SubmissionStatusRecorder recorder;
    private final PoolHealth poolHealth;
    private final Retention retention;
    private final JudgingObserver observer;
    private final RunProgressFollower progress;
    private final Clock clock;

    public Judging(OperatorSettings settings, AdmissionQueue queue, Admission admission, JudgeJobs jobs,
                   SubmissionStatusRecorder recorder, PoolHealth poolHealth, Retention retention, Clock clock) {
        this.settings = settings;
        this.queue = queue;
        this.admission = admission;
        this.jobs = jobs;
        this.recorder = recorder;
        this.poolHealth = poolHealth;
        this.retention = retention;
        this.observer = new JudgingObserver(settings.unschedulableTimeout());
        this.progress = new RunProgressFollower(settings.progressInterval(), jobs::runProgress);
        this.clock = clock;
    }

    public UpdateControl<JudgeSubmission> follow(JudgeSubmission s, JudgeSubmissionStatus status, Context<JudgeSubmission> context) {
        String ns = s.getMetadata().getNamespace();
        PoolKey key = PoolKey.of(s);
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
        if (state instanceof JudgingState.NodeFaulted faulted) {
            // The node could not judge: not the submission's fault, nor a verdict. Judged again later,
            // once the pool's nodes can.
            jobs.delete(ns, jobName);
            jobs.releaseUnneeded(pods, null);
            return admission.requeue(s, status, context, faulted.fault());
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
        int counted = attempts - orZero(status.getRequeues());
        if (counted >= settings.maxAttempts()) {
            return finish(s, status, context, JudgeOutcome.systemError("gave up after " + counted
                    + " attempts; last: " + reason), null);
        }
        Optional<JudgeProblem> problem = context.getSecondaryResource(JudgeProblem.class);
        Optional<JudgeNodePool> pool = context.getSecondaryResource(JudgeNodePool.class);
        if (problem.isEmpty() || pool.isEmpty()) {
            return finish(s, status, context, JudgeOutcome.systemError(reason + "; cannot retry: "
                    + (problem.isEmpty() ? "problem" : "pool") + " is gone"), null);
        }
        status.setMessage("attempt " + attempts + " lost: " + reason);
        return admission.start(s, status, context, problem.get(), pool.get(), attempts + 1);
    }

    /** {@code spec.cancel}: the Job goes, the status says Cancelled, the slot is passed on. */
    public UpdateControl<JudgeSubmission> cancel(JudgeSubmission s, JudgeSubmissionStatus status, Context<JudgeSubmission> context) {
        stop(s, status);
        Instant now = clock.instant();
        recorder.record(s, StatusTransitions.cancelled(status, s, "cancelled through spec.cancel", now), context);
        admission.release(s);
        return retention.afterCompletion(status, now);
    }

    /** Stops a running judging without a verdict (rejudge, cancel): its Job and pods go. */
    public void stop(JudgeSubmission s, JudgeSubmissionStatus status) {
        jobs.delete(s.getMetadata().getNamespace(), status.getJobName());
        progress.forget(s.getMetadata().getNamespace(), status.getJobName());
    }

    /** Lets go of pods nobody will read any more (their verdict is recorded, or will never be). */
    public void releasePods(java.util.Collection<Pod> pods) {
        jobs.releaseUnneeded(pods, null);
    }

    /** The resource is being deleted before its verdict: every Job it may have goes. */
    public void abandon(JudgeSubmission s) {
        String jobName = s.getStatus() == null ? null : s.getStatus().getJobName();
        jobs.deleteAll(s.getMetadata().getNamespace(), s.getMetadata().getName(), jobName);
        progress.forget(s.getMetadata().getNamespace(), jobName);
    }

    private UpdateControl<JudgeSubmission> finish(JudgeSubmission s, JudgeSubmissionStatus status,
                                                  Context<JudgeSubmission> context, JudgeOutcome outcome, String node) {
        Instant now = clock.instant();
        recorder.record(s, StatusTransitions.finished(status, s, outcome, node, now), context);
        if (!outcome.systemError()) {
            admission.judgedNormally(s);
        }
        // Only after the verdict is written does the slot go to the next submission.
        admission.release(s);
        return retention.afterCompletion(status, now);
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
        // A retry's Job is named after its attempt; an Admitted condition set for an earlier attempt
        // is older. A requeue turned the condition False, so the next admission's time is fresh.
        boolean firstAttempt = orZero(status.getAttempts()) - orZero(status.getRequeues()) <= 1;
        return firstAttempt && started.isPresent()
                && Duration.between(started.get(), clock.instant()).compareTo(JOB_CACHE_WAIT) < 0;
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
