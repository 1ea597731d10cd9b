package io.kubejudge.api.submission;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * @param rejudged submissions that will be judged again
 * @param skipped  submissions left alone because they are still queued or running
 */
public record RejudgeResult(
        @JsonProperty("rejudged") List<Submission> rejudged,
        @JsonProperty("skipped") List<Submission> skipped,
        @JsonProperty("count") int count) {

    /** One submission: ids are scoped per user, so both ids name it. */
    public record Submission(@JsonProperty("user_id") String userId, @JsonProperty("submission_id") long submissionId) {
        static Submission of(SubmissionRef ref) {
            return new Submission(ref.userId(), ref.submissionId());
        }
    }
}
