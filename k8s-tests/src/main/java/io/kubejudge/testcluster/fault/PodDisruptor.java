package io.kubejudge.testcluster.fault;

/** What can take a pod away (the stand-in kubelet). */
@FunctionalInterface
public interface PodDisruptor {
    /** Kills the pod's containers and marks it Failed with a DisruptionTarget condition; false if not running here. */
    boolean disrupt(String namespace, String podName, Disruption disruption);
}
