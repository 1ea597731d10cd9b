package io.kubejudge.model.result;

/**
 * Why a pod step could not judge on this node, through no fault of the submission: the node lacks
 * something the sandbox requires. The operator does not turn it into a SystemError: it requeues the
 * submission and marks the pool {@code Degraded} with {@code reason} until the nodes are fixed.
 *
 * @param reason  a CamelCase condition reason, for instance {@code LandlockUnavailable} or
 *                {@code SeccompProfileMissing}
 * @param message for the operator's humans: what is missing and on which node or kernel
 */
public record NodeFault(String reason, String message) {

    public static final String LANDLOCK_UNAVAILABLE = "LandlockUnavailable";
    public static final String SECCOMP_PROFILE_MISSING = "SeccompProfileMissing";
}
