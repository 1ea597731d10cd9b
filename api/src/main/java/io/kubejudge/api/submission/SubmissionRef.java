package io.kubejudge.api.submission;

import io.kubejudge.api.error.ApiException;

/**
 * A submission as the API addresses it: the platform's submission id within one user's ids.
 * Ids are scoped per user so that nobody can take (squat) another user's next id, and so that
 * a caller can only ever name submissions in its own scope (see {@link SubmissionNames#resolve}).
 */
public record SubmissionRef(String userId, long submissionId) {

    /** The JudgeSubmission's name: {@code sub-<user_id>-<submission_id>}. */
    public String name() {
        return SubmissionNames.SUBMISSION_PREFIX + userId + "-" + submissionId;
    }

    public String url() {
        return SubmissionNames.path(submissionId) + "?user_id=" + userId;
    }

    public String eventsUrl() {
        return SubmissionNames.path(submissionId) + "/events?user_id=" + userId;
    }

    /**
     * The one answer for a submission the caller cannot see, whether it does not exist or
     * belongs to someone else: same status, same body, built from the request alone.
     */
    public ApiException notFound() {
        return ApiException.notFound("id", "submission " + submissionId + " of user " + userId + " does not exist");
    }

    @Override
    public String toString() {
        return name();
    }
}
