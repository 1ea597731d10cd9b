package io.kubejudge.testcluster.kubelet;

/**
 * A volume that cannot be set up yet (a ConfigMap or Secret that does not exist). The kubelet
 * keeps the pod in {@code ContainerCreating} and retries, as a real one does.
 */
public final class VolumeNotReadyException extends Exception {
    public VolumeNotReadyException(String message) {
        super(message);
    }
}
