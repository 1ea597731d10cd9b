package io.kubejudge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

class RedisServerTest {

    @Test
    void itGoesDownAndComesBackEmptyOnTheSamePort() {
        try (RedisServer redis = new RedisServer()) {
            int port = redis.port();
            assertThat(redis.ping()).isTrue();
            assertThat(ProcessCpu.nanos(redis.pid())).isGreaterThanOrEqualTo(0);
            try (JedisPooled j = redis.client()) {
                j.set("k", "v");
                assertThat(j.get("k")).isEqualTo("v");
            }

            redis.stop();
            assertThat(redis.ping()).isFalse();
            assertThat(redis.pid()).isEqualTo(-1);

            redis.restart();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.ping()).isTrue();
            try (JedisPooled j = redis.client()) {
                assertThat(j.get("k")).as("no persistence: it comes back empty").isNull();
            }
        }
    }

    @Test
    void withAPasswordOnlyAuthenticatedClientsGetIn() {
        try (RedisServer redis = new RedisServer("s3cret pass")) {
            assertThat(redis.ping()).as("ping authenticates").isTrue();
            try (JedisPooled anonymous = new JedisPooled(redis.host(), redis.port())) {
                assertThatThrownBy(() -> anonymous.set("k", "v")).hasMessageContaining("NOAUTH");
            }
            try (JedisPooled j = redis.client()) {
                j.set("k", "v");
                assertThat(j.get("k")).isEqualTo("v");
            }
            redis.restart();
            assertThat(redis.ping()).as("the password survives a restart").isTrue();
        }
    }

    @Test
    void aFreePortHasNobodyListening() {
        try (RedisServer redis = new RedisServer()) {
            assertThat(RedisServer.freePort()).isNotEqualTo(redis.port());
        }
    }
}
