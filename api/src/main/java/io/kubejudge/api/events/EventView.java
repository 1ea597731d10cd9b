package io.kubejudge.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kubejudge.api.submission.SubmissionView.CompileView;
import io.kubejudge.api.submission.SubmissionView.TestView;
import io.kubejudge.api.submission.SubmissionViews;

/** The data of a change event on the SSE stream, in the API's snake_case. */
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
        @JsonProperty("test") TestView test,
        @JsonProperty("tests_done") Integer testsDone,
        @JsonProperty("test_count") Integer testCount) {

    static EventView of(long submissionId, OperatorEvent e) {
        return new EventView(submissionId,
                e.phase() == null ? null : SubmissionViews.phaseName(e.phase()),
                e.phase() == null ? null : e.isFinal(),
                e.verdict() == null ? null : e.verdict().wireName(),
                e.message(), e.score(), e.maxScore(), e.timeMs(), e.memoryKiB(), e.queuePosition(),
                SubmissionViews.compile(e.compile()),
                e.test() == null ? null : SubmissionViews.test(e.test()),
                e.testsDone(), e.testCount());
    }

    static EventView queue(long submissionId, int position) {
        return new EventView(submissionId, null, null, null, null, null, null, null, null, position,
                null, null, null, null);
    }
}
