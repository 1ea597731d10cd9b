package io.kubejudge.testcluster.controller;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Job's {@code podFailurePolicy} says about one failed pod: the first matching rule wins;
 * no match (or no policy) counts the failure towards {@code backoffLimit}. Messages are the Job
 * controller's.
 */
public final class PodFailurePolicyEvaluator {

    public enum Action { IGNORE, COUNT, FAIL_JOB }

    public record Outcome(Action action, String message) {
    }

    private PodFailurePolicyEvaluator() {
    }

    public static Outcome evaluate(PodFailurePolicy policy, Pod pod) {
        if (policy == null || policy.getRules() == null) {
            return new Outcome(Action.COUNT, null);
        }
        List<PodFailurePolicyRule> rules = policy.getRules();
        for (int i = 0; i < rules.size(); i++) {
            PodFailurePolicyRule rule = rules.get(i);
            Optional<String> match = rule.getOnExitCodes() != null ? matchExitCodes(rule.getOnExitCodes(), pod, rule.getAction(), i)
                    : matchConditions(rule.getOnPodConditions(), pod, rule.getAction(), i);
            if (match.isPresent()) {
                return new Outcome(action(rule.getAction()), match.get());
            }
        }
        return new Outcome(Action.COUNT, null);
    }

    private static Action action(String action) {
        return switch (action) {
            case "Ignore" -> Action.IGNORE;
            case "FailJob" -> Action.FAIL_JOB;
            case "Count" -> Action.COUNT;
            default -> throw new IllegalArgumentException("podFailurePolicy action " + action
                    + " is not emulated by the test cluster (Ignore, Count, FailJob are)");
        };
    }

    private static Optional<String> matchExitCodes(PodFailurePolicyOnExitCodesRequirement req, Pod pod, String action, int index) {
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod.getStatus() != null) {
            statuses.addAll(pod.getStatus().getInitContainerStatuses());
            statuses.addAll(pod.getStatus().getContainerStatuses());
        }
        for (ContainerStatus s : statuses) {
            if (req.getContainerName() != null && !req.getContainerName().equals(s.getName())) {
                continue;
            }
            if (s.getState() == null || s.getState().getTerminated() == null) {
                continue;
            }
            int exit = s.getState().getTerminated().getExitCode();
            if (exit == 0) {
                continue;
            }
            boolean in = req.getValues().contains(exit);
            if ("In".equals(req.getOperator()) == in) {
                return Optional.of(String.format("Container %s for pod %s/%s failed with exit code %d matching %s rule at index %d",
                        s.getName(), pod.getMetadata().getNamespace(), pod.getMetadata().getName(), exit, action, index));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> matchConditions(List<PodFailurePolicyOnPodConditionsPattern> patterns, Pod pod,
                                                    String action, int index) {
        if (patterns == null || pod.getStatus() == null) {
            return Optional.empty();
        }
        for (PodFailurePolicyOnPodConditionsPattern pattern : patterns) {
            String wanted = pattern.getStatus() == null ? "True" : pattern.getStatus();
            for (PodCondition c : pod.getStatus().getConditions()) {
                if (c.getType().equals(pattern.getType()) && wanted.equals(c.getStatus())) {
                    return Optional.of(String.format("Pod %s/%s has condition %s matching %s rule at index %d",
                            pod.getMetadata().getNamespace(), pod.getMetadata().getName(), c.getType(), action, index));
                }
            }
        }
        return Optional.empty();
    }
}
