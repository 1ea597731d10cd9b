package io.kubejudge.api.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubejudge.api.config.RedisConfig;
import io.kubejudge.testsupport.RedisServer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The API's connections to a real redis-server that speaks only TLS and requires a password:
 * the pool and the subscriber's connection get in with the CA; plain TCP, an untrusted
 * certificate and a wrong password do not.
 */
class RedisTlsTest {

    private static final String PASSWORD = "tls-and-a-password";
    private static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServer.withTls(PASSWORD);
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private static RedisConfig config(String host, boolean tls, String caFile, String password, boolean verifyHostname) {
        return new RedisConfig() {
            public String host() { return host; }
            public int port() { return redis.port(); }
            public Optional<String> password() { return Optional.ofNullable(password); }
            public Duration timeout() { return Duration.ofSeconds(2); }
            public int poolSize() { return 2; }
            public Tls tls() {
                return new Tls() {
                    public boolean enabled() { return tls; }
                    public Optional<String> caFile() { return Optional.ofNullable(caFile); }
                    public boolean verifyHostname() { return verifyHostname; }
                };
            }
        };
    }

    @Test
    void withTlsTheCaAndThePasswordThePoolAndTheSubscriberGetIn() {
        RedisClients clients = new RedisClients(config("localhost", true, redis.caFile().toString(), PASSWORD, true));
        try {
            clients.pooled().set("kubejudge:tls-test", "over tls");
            assertThat(clients.pooled().get("kubejudge:tls-test")).isEqualTo("over tls");
            try (Jedis subscriber = clients.subscriberConnection(5000)) {
                assertThat(subscriber.ping()).isEqualTo("PONG");
            }
        } finally {
            clients.close();
        }
        assertThat(redis.ping()).isTrue();
    }

    @Test
    void plainTcpToATlsPortGetsNoAnswer() {
        RedisClients clients = new RedisClients(config(redis.host(), false, null, PASSWORD, true));
        try {
            assertThatThrownBy(() -> clients.pooled().ping()).isInstanceOf(JedisException.class);
        } finally {
            clients.close();
        }
    }

    @Test
    void aCertificateNotSignedByATrustedCaIsRefused() {
        // Without ca-file the JVM's trust store is used: it does not know the throwaway CA.
        RedisClients clients = new RedisClients(config("localhost", true, null, PASSWORD, true));
        try {
            assertThatThrownBy(() -> clients.pooled().ping()).isInstanceOf(JedisException.class)
                    .hasStackTraceContaining("PKIX");
        } finally {
            clients.close();
        }
    }

    @Test
    void theCertificateMustNameTheHostUnlessTheCheckIsOff() {
        // The certificate names localhost only; 127.0.0.1 is the same server under a name it does not carry.
        RedisClients byAddress = new RedisClients(config("127.0.0.1", true, redis.caFile().toString(), PASSWORD, true));
        RedisClients unchecked = new RedisClients(config("127.0.0.1", true, redis.caFile().toString(), PASSWORD, false));
        try {
            assertThatThrownBy(() -> byAddress.pooled().ping()).isInstanceOf(JedisException.class)
                    .hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.1");
            assertThat(unchecked.pooled().ping()).isEqualTo("PONG");
        } finally {
            byAddress.close();
            unchecked.close();
        }
    }

    @Test
    void aWrongPasswordIsRefusedOverTlsToo() {
        RedisClients clients = new RedisClients(config("localhost", true, redis.caFile().toString(), "wrong", true));
        try {
            assertThatThrownBy(() -> clients.pooled().ping()).isInstanceOf(JedisException.class);
        } finally {
            clients.close();
        }
    }
}
