package io.kubejudge.testcluster.fault;

/**
 * Ways Kubernetes takes a running pod away, each with the {@code DisruptionTarget} condition reason
 * Kubernetes writes, so that a Job's podFailurePolicy can tell them from the program failing.
 */
public enum Disruption {
    NODE_LOSS("DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint"),
    EVICTION("EvictionByEvictionAPI", "Eviction API: evicting"),
    PREEMPTION("PreemptionByScheduler", "test-node: preempting to accommodate a higher priority pod"),
    NODE_PRESSURE("TerminationByKubelet", "The node was low on resource: memory.");

    private final String reason;
    private final String message;

    Disruption(String reason, String message) {
        this.reason = reason;
        this.message = message;
    }

    public String reason() {
        return reason;
    }

    public String message() {
        return message;
    }
}
