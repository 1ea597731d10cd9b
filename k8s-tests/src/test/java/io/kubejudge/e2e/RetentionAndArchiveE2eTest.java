package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testsupport.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A finished submission is archived in Redis and then deleted; never deleted before the archive
 * holds it — with Redis down the resource stays, and judging goes on.
 */
class RetentionAndArchiveE2eTest extends E2eScenario {

    private static final Duration JUDGED = Duration.ofMinutes(3);
    private static final Duration RETENTION = Duration.ofSeconds(2);

    @Override
    protected OperatorSettings.Builder operatorSettings(OperatorSettings.Builder defaults) {
        return defaults.retention(RETENTION).archiveTtl(Duration.ofHours(2));
    }

    @BeforeAll
    void problemAndPool() {
        operator();
        kubejudge.createProblem(TinyProblem.named("tiny", 2));
        kubejudge.createPool("default", 2);
    }

    @Test
    void aFinishedSubmissionIsArchivedThenDeleted() {
        kubejudge.submission("retained").problem("tiny").source(Language.C, TinyProblem.C_WRONG).user("u-7").create();
        kubejudge.awaitVerdict("retained", Verdict.WRONG_ANSWER, JUDGED);
        await().atMost(JUDGED).until(() -> kubejudge.get("retained") == null);
        RedisServer redis = redis();
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            String key = RedisKeys.archive(namespace, "retained");
            assertThat(jedis.get(key)).isNotNull().contains("\"verdict\":\"WrongAnswer\"").contains("\"userId\":\"u-7\"");
            assertThat(jedis.ttl(key)).isBetween(Duration.ofHours(2).minusMinutes(5).toSeconds(), Duration.ofHours(2).toSeconds());
        }
    }

    @Test
    void withRedisDownJudgingGoesOnAndTheResourceStaysUntilTheArchiveIsWritten() {
        RedisServer redis = redis();
        redis.stop();
        try {
            kubejudge.submission("redis-down").problem("tiny").source(Language.PYTHON, TinyProblem.PYTHON_ACCEPTED).create();
            kubejudge.awaitVerdict("redis-down", Verdict.ACCEPTED, JUDGED);
            // Well past the retention: the archive cannot be written, so the resource must stay.
            await().pollDelay(RETENTION.multipliedBy(3)).atMost(RETENTION.multipliedBy(4)).until(() -> true);
            assertThat(kubejudge.get("redis-down")).isNotNull();
        } finally {
            redis.restart();
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> kubejudge.get("redis-down") == null);
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            assertThat(jedis.get(RedisKeys.archive(namespace, "redis-down"))).isNotNull().contains("\"verdict\":\"Accepted\"");
        }
    }
}
