package io.kubejudge.operator.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.MockCluster;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testsupport.RedisServer;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** The chart's Redis requires a password (--requirepass): the operator authenticates with kubejudge.redis.password. */
class RedisPasswordTest {
    static final String PASSWORD = "p4ss word;with:odd=chars";

    @Test
    void aConnectionWithoutThePasswordIsRefusedAndOneWithItGetsIn() {
        try (RedisServer redis = new RedisServer(PASSWORD);
             RedisConnection anonymous = new RedisConnection(redis.host(), redis.port(), null);
             RedisConnection wrong = new RedisConnection(redis.host(), redis.port(), "nope");
             RedisConnection authenticated = new RedisConnection(redis.host(), redis.port(), PASSWORD)) {
            assertThat(anonymous.ping()).as("NOAUTH").isFalse();
            assertThat(wrong.ping()).as("WRONGPASS").isFalse();
            assertThat(authenticated.ping()).isTrue();
        }
    }

    @Test
    void theOperatorWritesTheQueueIndexToAPasswordProtectedRedis() {
        try (RedisServer redis = new RedisServer(PASSWORD); JedisPooled jedis = redis.client(); MockCluster cluster = new MockCluster()) {
            KubernetesClient client = cluster.client();
            client.resource(Fixtures.problem("aplusb", 2)).create();
            client.resource(Fixtures.pool("default", 1)).create();
            OperatorSettings settings = OperatorSettings.builder().namespaces(Set.of(Fixtures.NS))
                    .redis(redis.host(), redis.port()).redisPassword(PASSWORD).build();
            assertThat(settings.toString()).as("the password never reaches a log").doesNotContain(PASSWORD).contains("password set");
            KubeJudgeOperator operator = KubeJudgeOperator.start(client, settings);
            try {
                submit(client, "s1");
                await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get() != null);
                submit(client, "s2");
                String key = RedisKeys.queue(Fixtures.NS, "default");
                await().until(() -> jedis.zcard(key) == 1);
                assertThat(jedis.zrange(key, 0, -1)).containsExactly("s2");
                assertThat(operator.components().redis()).hasValueSatisfying(r -> assertThat(r.ping()).isTrue());
            } finally {
                operator.stop();
            }
        }
    }

    private static void submit(KubernetesClient client, String name) {
        JudgeSubmission s = Fixtures.submission(name);
        s.getMetadata().setUid(null);
        client.resource(s).create();
    }
}
