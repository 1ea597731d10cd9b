package io.kubejudge.testcluster.kubelet;

import io.kubejudge.testcluster.fault.Disruption;
import java.nio.file.Path;
import java.time.Duration;

/** A pod the stand-in kubelet runs, however it runs it (host processes, or Docker containers). */
interface NodePod extends Runnable {

    String namespace();

    String name();

    /** Host directory of the pod's volumes, logs and scratch space (removed after the pod goes). */
    Path directory();

    /** The pod is gone from the API server: stop everything, write nothing. */
    void deleted();

    /** The pod is marked for deletion but finalizers keep it: stop it and report how it ended. */
    void terminating();

    /** A fault a test injects; false when this pod cannot suffer it (or has ended). */
    boolean disrupt(Disruption disruption);

    boolean awaitDone(Duration timeout) throws InterruptedException;
}
