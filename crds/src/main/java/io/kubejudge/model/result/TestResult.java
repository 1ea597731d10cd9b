package io.kubejudge.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The result of one test: the same shape in the runner's JSON, the termination message,
 * the submission status and the HTTP API.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestResult(
        @JsonPropertyDescription("Name of the test, as in the problem.") String name,
        @JsonPropertyDescription("Verdict of this test.") Verdict verdict,
        @JsonPropertyDescription("CPU time used, in milliseconds.") Long timeMs,
        @JsonPropertyDescription("Peak memory (resident set), in KiB.") Long memoryKiB,
        @JsonPropertyDescription("Exit code of the program, when it exited.") Integer exitCode,
        @JsonPropertyDescription("Signal that ended the program, when it was killed.") Integer signal,
        @JsonPropertyDescription("Points awarded for this test.") Double points,
        @JsonPropertyDescription("Short explanation (checker message, signal name), possibly truncated.") String message) {
}
