package io.kubejudge.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The outcome of compiling a submission (interpreted languages: a syntax check or nothing). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompileResult(
        @JsonPropertyDescription("Whether the source compiled.") Boolean success,
        @JsonPropertyDescription("Compiler output, truncated.") String message,
        @JsonPropertyDescription("Wall-clock time the compiler took, in milliseconds.") Long timeMs) {
}
