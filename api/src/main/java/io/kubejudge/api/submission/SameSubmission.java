package io.kubejudge.api.submission;

import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * Idempotency: whether a stored submission is what a repeated request asks for. Only the
 * request's own fields count; priority is derived from the token, and cancel and rejudge are
 * later changes, so none of them makes a retry a conflict.
 */
public final class SameSubmission {

    private SameSubmission() {
    }

    /** The request field in which {@code stored} differs from {@code wanted}, if any. */
    public static Optional<String> difference(JudgeSubmission stored, JudgeSubmission wanted) {
        JudgeSubmissionSpec a = stored.getSpec();
        JudgeSubmissionSpec b = wanted.getSpec();
        if (a == null) {
            return Optional.of("submission_id");
        }
        if (!Objects.equals(a.getUserId(), b.getUserId())) {
            return Optional.of("user_id");
        }
        if (!Objects.equals(a.getProblem(), b.getProblem())) {
            return Optional.of("problem_id");
        }
        if (a.getLanguage() != b.getLanguage()) {
            return Optional.of("language");
        }
        if (!Objects.equals(a.getPool(), b.getPool())) {
            return Optional.of("pool");
        }
        if (!Objects.equals(contest(stored), contest(wanted))) {
            return Optional.of("contest_id");
        }
        // An archive may leave the source out to save space; then it cannot be compared.
        if (a.getSource() != null && !a.getSource().equals(b.getSource())) {
            return Optional.of("code");
        }
        return Optional.empty();
    }

    private static String contest(JudgeSubmission s) {
        return s.getMetadata() == null || s.getMetadata().getLabels() == null ? null
                : s.getMetadata().getLabels().get(SubmissionNames.LABEL_CONTEST_ID);
    }
}
