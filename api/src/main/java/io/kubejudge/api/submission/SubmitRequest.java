package io.kubejudge.api.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The seeds' submit request; {@code contest_id} and {@code pool} are optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmitRequest(
        @Schema(required = true, minimum = "1", description = "Id of the submission in the calling platform, scoped per"
                + " user: with user_id the idempotency key.")
        @JsonProperty("submission_id") Long submissionId,
        @Schema(required = true, minimum = "1", description = "Id of the problem; names the JudgeProblem through kubejudge.api.problem-name-template.")
        @JsonProperty("problem_id") Long problemId,
        @Schema(required = true, minimum = "1", description = "Id of the submitting user; a submitter's token must carry the same id.")
        @JsonProperty("user_id") Long userId,
        @Schema(required = true, enumeration = {"c", "cpp", "java", "python", "go"})
        @JsonProperty("language") String language,
        @Schema(required = true, description = "The source, at most kubejudge.api.max-code-bytes UTF-8 bytes (64 KiB by default).")
        @JsonProperty("code") String code,
        @Schema(minimum = "1", description = "Given for contest submissions: they get contest priority when the token's"
                + " 'contests' claim lists this id (or the caller is an admin); any other contest_id is refused (403).")
        @JsonProperty("contest_id") Long contestId,
        @Schema(description = "JudgeNodePool to judge on; kubejudge.api.default-pool when absent.")
        @JsonProperty("pool") String pool) {
}
