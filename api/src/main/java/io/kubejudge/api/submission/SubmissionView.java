package io.kubejudge.api.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What the API tells about one submission, live or archived. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmissionView(
        @JsonProperty("submission_id") long submissionId,
        @JsonProperty("name") String name,
        @JsonProperty("problem_id") Long problemId,
        @JsonProperty("problem") String problem,
        @JsonProperty("user_id") String userId,
        @JsonProperty("contest_id") Long contestId,
        @JsonProperty("language") String language,
        @JsonProperty("pool") String pool,
        @JsonProperty("priority") String priority,
        @JsonProperty("phase") String phase,
        @JsonProperty("final") boolean isFinal,
        @JsonProperty("verdict") String verdict,
        @JsonProperty("message") String message,
        @JsonProperty("score") Double score,
        @JsonProperty("max_score") Double maxScore,
        @JsonProperty("time_ms") Long timeMs,
        @JsonProperty("memory_kib") Long memoryKiB,
        @JsonProperty("queue_position") Integer queuePosition,
        @JsonProperty("compile") CompileView compile,
        @JsonProperty("tests") List<TestView> tests,
        @JsonProperty("attempts") Integer attempts,
        @JsonProperty("rejudge") Integer rejudge,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("queued_at") String queuedAt,
        @JsonProperty("admitted_at") String admittedAt,
        @JsonProperty("completed_at") String completedAt,
        @JsonProperty("source") String source,
        @JsonProperty("url") String url,
        @JsonProperty("events_url") String eventsUrl) {

    /** Phase shown before the operator has seen a new submission. */
    public static final String PENDING = "Pending";
    public static final String FROM_LIVE = "live";
    public static final String FROM_ARCHIVE = "archive";

    /** The same view with another queue position. */
    public SubmissionView withQueuePosition(Integer position) {
        return new SubmissionView(submissionId, name, problemId, problem, userId, contestId, language, pool, priority,
                phase, isFinal, verdict, message, score, maxScore, timeMs, memoryKiB, position, compile, tests,
                attempts, rejudge, createdAt, queuedAt, admittedAt, completedAt, source, url, eventsUrl);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CompileView(
            @JsonProperty("success") Boolean success,
            @JsonProperty("message") String message,
            @JsonProperty("time_ms") Long timeMs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TestView(
            @JsonProperty("name") String name,
            @JsonProperty("verdict") String verdict,
            @JsonProperty("time_ms") Long timeMs,
            @JsonProperty("memory_kib") Long memoryKiB,
            @JsonProperty("exit_code") Integer exitCode,
            @JsonProperty("signal") Integer signal,
            @JsonProperty("points") Double points,
            @JsonProperty("message") String message) {
    }
}
