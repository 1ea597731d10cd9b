package io.kubejudge.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kubejudge.model.redis.SubmissionEvent;
import io.kubejudge.api.submission.SubmissionView.CompileView;
import io.kubejudge.api.submission.SubmissionViews;

/**
 * The data of a change event on the SSE stream, in the API's snake_case. Progress is
 * {@code tests_done}, the tests run so far ('test' events): the operator reads it from the running
 * judge's log every few seconds, so a fast judging may jump straight to its verdict. The tests'
 * results come with the verdict.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(
        @JsonProperty("submission_id") long submissionId,
        @JsonProperty("phase") String phase,
        @JsonProperty("final") Boolean isFinal,
        @JsonProperty("verdict") String verdict,
        @JsonProperty("message") String message,
        @JsonProperty("score") Double score,
        @JsonProperty("max_score") Double maxScore,
        @JsonProperty("time_ms") Long timeMs,
        @JsonProperty("memory_kib") Long memoryKiB,
        @JsonProperty("queue_position") Integer queuePosition,
        @JsonProperty("compile") CompileView compile,
        @JsonProperty("tests_done") Integer testsDone) {

    static EventView of(long submissionId, SubmissionEvent e) {
        return new EventView(submissionId,
                e.phase() == null ? null : SubmissionViews.phaseName(e.phase()),
                e.phase() == null ? null : e.isFinal(),
                e.verdict() == null ? null : e.verdict().wireName(),
                e.message(), e.score(), e.maxScore(), e.timeMs(), e.memoryKiB(), e.queuePosition(),
                SubmissionViews.compile(e.compile()), e.testsDone());
    }

    static EventView queue(long submissionId, int position) {
        return new EventView(submissionId, null, null, null, null, null, null, null, null, position, null, null);
    }

    /** The SSE event name of a change: what it brings that matters most to a watcher. */
    static String kind(SubmissionEvent e) {
        if (e.verdict() != null || e.isFinal()) {
            return "verdict";
        }
        if (e.testsDone() != null) {
            return "test";
        }
        if (e.compile() != null) {
            return "compile";
        }
        if (e.phase() != null) {
            return "phase";
        }
        if (e.queuePosition() != null) {
            return "queue";
        }
        return "update";
    }
}
