package io.kubejudge.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "kubejudge.redis")
public interface RedisConfig {
    @WithDefault("localhost")
    String host();

    @WithDefault("6379")
    int port();

    Optional<String> password();

    /** Connect and read timeout: a slow Redis must not hold request threads for long. */
    @WithDefault("2s")
    Duration timeout();

    @WithDefault("64")
    int poolSize();

    Tls tls();

    /** TLS to Redis (see io.kubejudge.model.redis.RedisTls; the operator reads the same keys). */
    interface Tls {
        @WithDefault("false")
        boolean enabled();

        /** PEM file of the CA that signed Redis' certificate; absent: the JVM's trust store. */
        Optional<String> caFile();

        @WithDefault("true")
        boolean verifyHostname();
    }
}
