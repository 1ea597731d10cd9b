package io.kubejudge.testcluster.kubelet;

/**
 * The container runtime cannot create a container of a pod it otherwise accepts, for a reason that may
 * go away on the node (a Localhost seccomp profile not there yet). As the kubelet does, the pod stays
 * Pending with the container waiting, reason {@value #REASON} and the runtime's message, and creating it
 * is tried again after a back-off.
 */
public final class ContainerCreateException extends RuntimeException {

    public static final String REASON = "CreateContainerError";

    public ContainerCreateException(String message) {
        super(message);
    }
}
