package io.kubejudge.operator.result;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.kubejudge.model.result.NodeFault;
import io.kubejudge.operator.job.JobFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads a judging's state from its Job and pods (the observer half of the reconciler). */
public final class JudgingObserver {
    /** Waiting reasons after which the pod will not start by itself. */
    static final Set<String> BROKEN_WAITING = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError");
    /**
     * How often a judging that waits for nothing in particular is looked at again. Every change of
     * its Job or pods wakes it anyway; this is the safety net, and with thousands of submissions
     * running a short one would cost a reconciliation per submission every few seconds.
     */
    public static final Duration RECHECK = Duration.ofMinutes(5);
    /** Waiting reasons under which a missing seccomp profile shows. */
    static final Set<String> SECCOMP_WAITING = Set.of("CreateContainerError", "CreateContainerConfigError");
    private static final Comparator<Pod> NEWEST = Comparator.comparing(
            (Pod p) -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp());

    private final Duration unschedulableTimeout;

    public JudgingObserver(Duration unschedulableTimeout) {
        this.unschedulableTimeout = unschedulableTimeout;
    }

    /**
     * @param job  the current attempt's Job, null when the API does not have it
     * @param pods the Job's pods (any order), also those being deleted
     */
    public JudgingState observe(Job job, List<Pod> pods, Instant now) {
        if (job == null) {
            // Its TTL ran out while no operator was there, or someone deleted it: the pod our
            // finalizer kept still has the verdict. A pod killed on the way has none: judge again.
            return pods.stream().filter(JudgingObserver::reported).max(NEWEST)
                    .<JudgingState>map(p -> nodeFault(p).<JudgingState>map(JudgingState.NodeFaulted::new)
                            .orElseGet(() -> new JudgingState.Finished(p)))
                    .orElseGet(JudgingState.Lost::new);
        }
        for (Pod pod : pods) {
            Optional<PodCondition> disruption = condition(pod, "DisruptionTarget").filter(c -> "True".equals(c.getStatus()));
            if (disruption.isPresent()) {
                PodCondition c = disruption.get();
                return new JudgingState.Disrupted("pod " + pod.getMetadata().getName() + " was disrupted ("
                        + c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage()) + ")");
            }
        }
        Optional<Pod> newest = pods.stream().max(NEWEST);
        Optional<JobCondition> failed = jobCondition(job, "Failed");
        boolean checkReported = newest.flatMap(p -> TerminationMessages.of(p, JobFactory.CHECK)).filter(StepOutcome::parsed).isPresent();
        if (failed.isPresent() && "DeadlineExceeded".equals(failed.get().getReason()) && !checkReported) {
            return new JudgingState.Broken("judge Job " + job.getMetadata().getName() + " exceeded its deadline of "
                    + job.getSpec().getActiveDeadlineSeconds() + " s");
        }
        if (newest.isPresent()) {
            Pod pod = newest.get();
            if (finished(pod) && !reported(pod) && pod.getMetadata().getDeletionTimestamp() != null) {
                // Killed by its deletion, not ended by the judge: the Job controller deletes a Job's pods
                // (deadline, failure) before it writes why, so the Job's condition, still to come, says it.
                return new JudgingState.InProgress(RECHECK);
            }
            if (finished(pod)) {
                return nodeFault(pod).<JudgingState>map(JudgingState.NodeFaulted::new)
                        .orElseGet(() -> new JudgingState.Finished(pod));
            }
            Optional<NodeFault> noProfile = seccompProfileMissing(pod);
            if (noProfile.isPresent()) {
                return new JudgingState.NodeFaulted(noProfile.get());
            }
            Optional<String> stuck = brokenWaiting(pod);
            if (stuck.isPresent()) {
                return new JudgingState.Broken(stuck.get());
            }
            Optional<PodCondition> scheduled = condition(pod, "PodScheduled");
            if (scheduled.isPresent() && "False".equals(scheduled.get().getStatus())
                    && "Unschedulable".equals(scheduled.get().getReason())) {
                Instant since = parse(scheduled.get().getLastTransitionTime())
                        .or(() -> parse(pod.getMetadata().getCreationTimestamp())).orElse(now);
                Duration waited = Duration.between(since, now);
                if (waited.compareTo(unschedulableTimeout) >= 0) {
                    return new JudgingState.Broken("judge pod unschedulable for " + waited.toSeconds() + " s: "
                            + scheduled.get().getMessage());
                }
                return new JudgingState.InProgress(unschedulableTimeout.minus(waited).plusSeconds(1));
            }
        }
        if (failed.isPresent()) {
            String reason = failed.get().getReason();
            return new JudgingState.Broken("judge Job " + job.getMetadata().getName() + " failed (" + reason
                    + (failed.get().getMessage() == null ? "" : ": " + failed.get().getMessage()) + ")");
        }
        return new JudgingState.InProgress(RECHECK);
    }

    /** The check container ended, or an earlier step ended with a failure so check will never run. */
    static boolean finished(Pod pod) {
        if (TerminationMessages.of(pod, JobFactory.CHECK).isPresent()) {
            return true;
        }
        return Stream.of(JobFactory.COMPILE, JobFactory.RUN)
                .map(c -> TerminationMessages.of(pod, c))
                .anyMatch(o -> o.isPresent() && o.get().exitCode() != 0)
                || (pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase())
                        && Stream.of(JobFactory.COMPILE, JobFactory.RUN).anyMatch(c -> TerminationMessages.of(pod, c).isPresent()));
    }

    /**
     * Finished, and the step that ended it wrote its result: it was not killed on its way (deleted
     * with its Job), which leaves a terminated container without a termination message.
     */
    static boolean reported(Pod pod) {
        if (!finished(pod)) {
            return false;
        }
        Optional<ContainerStateTerminated> last = Stream.of(JobFactory.CHECK, JobFactory.RUN, JobFactory.COMPILE)
                .map(c -> terminated(pod, c)).flatMap(Optional::stream).findFirst();
        return last.isPresent() && last.get().getMessage() != null && !last.get().getMessage().isBlank();
    }

    private static Optional<ContainerStateTerminated> terminated(Pod pod, String container) {
        return ContainerStatuses.state(pod, container).map(ContainerState::getTerminated);
    }

    /** A step that could not judge because of the node says so in its result (the first such step). */
    static Optional<NodeFault> nodeFault(Pod pod) {
        return Stream.of(JobFactory.COMPILE, JobFactory.RUN, JobFactory.CHECK)
                .map(c -> TerminationMessages.of(pod, c))
                .flatMap(Optional::stream)
                .filter(o -> o.parsed() && o.result().nodeFault() != null)
                .map(o -> o.result().nodeFault())
                .findFirst();
    }

    /**
     * A container the kubelet cannot create because the node lacks the pod's Localhost seccomp
     * profile: the runtime's error (CreateContainerError, or CreateContainerConfigError from the
     * kubelet's own check) names seccomp. The node, not the image, is at fault.
     */
    static Optional<NodeFault> seccompProfileMissing(Pod pod) {
        return ContainerStatuses.of(pod)
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
                .filter(s -> SECCOMP_WAITING.contains(s.getState().getWaiting().getReason()))
                .filter(s -> s.getState().getWaiting().getMessage() != null
                        && s.getState().getWaiting().getMessage().toLowerCase(java.util.Locale.ROOT).contains("seccomp"))
                .findFirst()
                .map(s -> new NodeFault(NodeFault.SECCOMP_PROFILE_MISSING, "container " + s.getName() + " of pod "
                        + pod.getMetadata().getName() + " cannot start" + (pod.getSpec() == null || pod.getSpec().getNodeName() == null
                        ? "" : " on node " + pod.getSpec().getNodeName()) + ": " + s.getState().getWaiting().getMessage()));
    }

    private static Optional<String> brokenWaiting(Pod pod) {
        return ContainerStatuses.of(pod)
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
                .filter(s -> BROKEN_WAITING.contains(s.getState().getWaiting().getReason()))
                .findFirst()
                .map(s -> {
                    ContainerStateWaiting w = s.getState().getWaiting();
                    return "container " + s.getName() + " cannot start: " + w.getReason()
                            + (w.getMessage() == null ? "" : " (" + w.getMessage() + ")")
                            + (s.getImage() == null ? "" : ", image " + s.getImage());
                });
    }

    private static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static Optional<JobCondition> jobCondition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static Optional<Instant> parse(String time) {
        try {
            return time == null ? Optional.empty() : Optional.of(Instant.parse(time));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
