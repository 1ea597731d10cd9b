package io.kubejudge.api.submission;

import io.kubejudge.model.result.Language;

/** A submit request whose fields passed {@link SubmitValidator}. */
public record ValidSubmission(
        long submissionId,
        long problemId,
        String userId,
        Language language,
        String code,
        Long contestId,
        String pool) {
}
