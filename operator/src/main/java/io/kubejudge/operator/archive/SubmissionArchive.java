package io.kubejudge.operator.archive;

import io.kubejudge.model.v1alpha1.JudgeSubmission;

/** Where finished submissions go before their resource is deleted. */
public interface SubmissionArchive {

    /** False when no archive is configured: then nothing is ever deleted for retention. */
    boolean enabled();

    /** Stores the submission's final record; returns only once it is stored, throws otherwise. */
    void store(JudgeSubmission submission);

    SubmissionArchive DISABLED = new SubmissionArchive() {
        public boolean enabled() { return false; }
        public void store(JudgeSubmission submission) { }
    };
}
