package io.kubejudge.api.submission;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Exactly one of the two: one submission ({@code submission_id} of {@code user_id}: ids are
 * scoped per user), or every live submission of a problem.
 */
public record RejudgeRequest(
        @Schema(minimum = "1") @JsonProperty("submission_id") Long submissionId,
        @Schema(minimum = "1", description = "The submission's user; required with submission_id.")
        @JsonProperty("user_id") Long userId,
        @Schema(minimum = "1") @JsonProperty("problem_id") Long problemId) {
}
