package io.kubejudge.operator.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.result.RunProgress;
import io.kubejudge.model.redis.SubmissionEvent;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.submission.TransitionListener;
import java.time.Clock;
import java.time.Duration;

/**
 * Publishes each status change for live streams: on the submission's channel and appended to its
 * event log (see {@link RedisKeys}). Asynchronous through the {@link RedisWriter}: a Redis outage
 * delays the events, never the verdict.
 */
public final class RedisEventPublisher implements TransitionListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RedisWriter writer;
    private final Duration logTtl;
    private final Clock clock;

    public RedisEventPublisher(RedisWriter writer, Duration logTtl, Clock clock) {
        this.writer = writer;
        this.logTtl = logTtl;
        this.clock = clock;
    }

    @Override
    public void changed(JudgeSubmission before, JudgeSubmission after) {
        publish(after, SubmissionEvent.of(after, clock.instant().toString()));
    }

    @Override
    public void progressed(JudgeSubmission s, RunProgress progress) {
        publish(s, SubmissionEvent.of(s, clock.instant().toString()).withTestsDone(progress.done()));
    }

    private void publish(JudgeSubmission s, SubmissionEvent event) {
        String ns = s.getMetadata().getNamespace();
        String name = s.getMetadata().getName();
        String json;
        try {
            json = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        writer.event(j -> {
            String log = RedisKeys.eventLog(ns, name);
            j.rpush(log, json);
            j.ltrim(log, -RedisKeys.EVENT_LOG_LENGTH, -1);
            j.expire(log, logTtl.toSeconds());
            j.publish(RedisKeys.events(ns, name), json);
        });
    }
}
