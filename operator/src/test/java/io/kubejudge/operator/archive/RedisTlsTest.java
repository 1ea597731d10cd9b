package io.kubejudge.operator.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.redis.RedisTls;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.MockCluster;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testsupport.RedisServer;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** A Redis that speaks only TLS (a real redis-server on its --tls-port, a throwaway CA) and requires a password. */
class RedisTlsTest {
    static final String PASSWORD = "over-tls";

    @Test
    void onlyATlsConnectionTrustingTheCaGetsIn() {
        try (RedisServer redis = RedisServer.withTls(PASSWORD)) {
            String ca = redis.caFile().toString();
            try (RedisConnection plain = new RedisConnection("localhost", redis.port(), PASSWORD);
                 RedisConnection untrusted = new RedisConnection("localhost", redis.port(), PASSWORD, new RedisTls(true, null, true));
                 RedisConnection wrongName = new RedisConnection("127.0.0.1", redis.port(), PASSWORD, new RedisTls(true, ca, true));
                 RedisConnection tls = new RedisConnection("localhost", redis.port(), PASSWORD, new RedisTls(true, ca, true))) {
                assertThat(plain.ping()).as("plain TCP to the TLS port").isFalse();
                assertThat(untrusted.ping()).as("the JVM's trust store does not know the CA").isFalse();
                assertThat(wrongName.ping()).as("the certificate names localhost, not 127.0.0.1").isFalse();
                assertThat(tls.ping()).isTrue();
            }
        }
    }

    @Test
    void anUnusableCaFileIsAClearError() {
        assertThatThrownBy(() -> new RedisTls(true, "/nonexistent/ca.crt", true).socketFactory())
                .hasMessageContaining("kubejudge.redis.tls.ca-file /nonexistent/ca.crt cannot be used");
    }

    @Test
    void theOperatorWritesTheQueueIndexOverTls() {
        try (RedisServer redis = RedisServer.withTls(PASSWORD); JedisPooled jedis = redis.client(); MockCluster cluster = new MockCluster()) {
            KubernetesClient client = cluster.client();
            OperatorSettings settings = OperatorSettings.builder().namespaces(Set.of(Fixtures.NS))
                    .redis("localhost", redis.port()).redisPassword(PASSWORD)
                    .redisTls(new RedisTls(true, redis.caFile().toString(), true)).build();
            assertThat(settings.toString()).contains("tls(ca=" + redis.caFile()).doesNotContain(PASSWORD);
            QueueIndexScenario.theOperatorIndexesItsQueue(client, settings, jedis);
        }
    }
}
