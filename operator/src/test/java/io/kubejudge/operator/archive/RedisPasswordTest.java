package io.kubejudge.operator.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.operator.Fixtures;
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
            OperatorSettings settings = OperatorSettings.builder().namespaces(Set.of(Fixtures.NS))
                    .redis(redis.host(), redis.port()).redisPassword(PASSWORD).build();
            assertThat(settings.toString()).as("the password never reaches a log").doesNotContain(PASSWORD).contains("password set");
            QueueIndexScenario.theOperatorIndexesItsQueue(client, settings, jedis);
        }
    }
}
