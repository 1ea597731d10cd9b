package io.kubejudge.operator.result;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubejudge.model.result.NodeFault;
import java.time.Duration;

/** Where a judging Job stands, as seen from its Job and pods. */
public sealed interface JudgingState {

    /** Still going; look again after {@code recheck} at the latest (timeouts the API will not announce). */
    record InProgress(Duration recheck) implements JudgingState { }

    /** The pod's steps ended: the verdict can be read from it. */
    record Finished(Pod pod) implements JudgingState { }

    /** The pod was lost to something that says nothing about the program: run it again. */
    record Disrupted(String reason) implements JudgingState { }

    /** The judge cannot produce a verdict (image, scheduling, deadline): SystemError, pool Degraded. */
    record Broken(String reason) implements JudgingState { }

    /**
     * The node could not judge (a step reported a {@link NodeFault}, or the pod's seccomp profile is
     * missing on it): neither a verdict nor a SystemError; the submission is judged again later.
     */
    record NodeFaulted(NodeFault fault) implements JudgingState { }

    /**
     * The Job is gone (deleted by hand, or its TTL while the operator was away) and no pod of it
     * holds a result: the judging has to start again.
     */
    record Lost() implements JudgingState { }
}
