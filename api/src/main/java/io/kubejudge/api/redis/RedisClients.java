package io.kubejudge.api.redis;

import io.kubejudge.api.config.RedisConfig;
import io.kubejudge.model.redis.RedisTls;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/**
 * The pooled client shared by request threads, and fresh connections for the pub/sub subscriber;
 * with a password (AUTH) and TLS when configured ({@code kubejudge.redis.password},
 * {@code kubejudge.redis.tls.*}).
 */
@Singleton
public class RedisClients {

    private final HostAndPort address;
    private final JedisClientConfig clientConfig;
    private final JedisPooled pooled;
    private final RedisTls tls;

    RedisClients(RedisConfig config) {
        this.address = new HostAndPort(config.host(), config.port());
        this.tls = new RedisTls(config.tls().enabled(), config.tls().caFile().orElse(null), config.tls().verifyHostname());
        int timeoutMs = (int) config.timeout().toMillis();
        DefaultJedisClientConfig.Builder b = withTls(DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs)
                .socketTimeoutMillis(timeoutMs)
                .clientName("kubejudge-api"));
        config.password().ifPresent(b::password);
        this.clientConfig = b.build();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(config.poolSize());
        pool.setMaxIdle(config.poolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(config.timeout());
        pool.setJmxEnabled(false);
        this.pooled = new JedisPooled(pool, address, clientConfig);
    }

    @Produces
    @Singleton
    JedisPooled pooled() {
        return pooled;
    }

    /**
     * A dedicated connection for the pub/sub subscriber. Its read timeout is long but finite:
     * the subscriber pings more often than that, so a silent timeout means Redis is gone.
     */
    public Jedis subscriberConnection(int readTimeoutMillis) {
        JedisClientConfig noReadTimeout = withTls(DefaultJedisClientConfig.builder())
                .connectionTimeoutMillis(clientConfig.getConnectionTimeoutMillis())
                .socketTimeoutMillis(readTimeoutMillis)
                .password(clientConfig.getPassword())
                .clientName("kubejudge-api-events")
                .build();
        return new Jedis(address, noReadTimeout);
    }

    /** TLS as configured: every connection, the pool's and the subscriber's, uses the same. */
    private DefaultJedisClientConfig.Builder withTls(DefaultJedisClientConfig.Builder b) {
        if (tls.enabled()) {
            b.ssl(true).sslSocketFactory(tls.socketFactory()).sslParameters(tls.parameters());
        }
        return b;
    }

    @PreDestroy
    void close() {
        pooled.close();
    }
}
