package io.kubejudge.operator.submission;

import io.kubejudge.model.result.RunProgress;
import io.kubejudge.model.v1alpha1.JudgeSubmission;

/**
 * Told about every status change after it was written: Kubernetes Events, the Redis live stream
 * and the metrics hang off this, so none of them can announce a change that did not happen.
 */
public interface TransitionListener {
    /** {@code before.getStatus()} may be null (a new submission). */
    void changed(JudgeSubmission before, JudgeSubmission after);

    /** The running judge's tests advanced; nothing was written (progress is not kept in the status). */
    default void progressed(JudgeSubmission s, RunProgress progress) {
    }
}
