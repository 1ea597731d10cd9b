package io.kubejudge.testcluster.kubelet;

/** A pod using something the test cluster does not emulate; the pod fails with this message. */
public final class UnsupportedPodException extends RuntimeException {
    public UnsupportedPodException(String message) {
        super("test cluster: " + message);
    }
}
