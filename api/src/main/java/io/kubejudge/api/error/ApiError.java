package io.kubejudge.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer: a stable machine-readable {@code code}, a sentence for
 * people, and the request field at fault when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, String field) {
}
