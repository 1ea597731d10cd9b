package io.kubejudge.api.submission;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * @param rejudged submissions that will be judged again
 * @param skipped  submissions left alone because they are still queued or running
 */
public record RejudgeResult(
        @JsonProperty("rejudged") List<Long> rejudged,
        @JsonProperty("skipped") List<Long> skipped,
        @JsonProperty("count") int count) {
}
