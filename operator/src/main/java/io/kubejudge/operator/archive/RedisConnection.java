package io.kubejudge.operator.archive;

import io.kubejudge.model.redis.RedisTls;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * The operator's Redis client with short timeouts: Redis being slow or down must cost a judging
 * nothing, so every caller is ready for {@link RedisUnavailableException} and catches up later.
 */
public final class RedisConnection implements AutoCloseable {
    static final int CONNECT_TIMEOUT_MS = 500;
    static final int SOCKET_TIMEOUT_MS = 1000;

    private final JedisPooled jedis;
    private final AtomicBoolean up = new AtomicBoolean(true);

    /** {@code password} null: Redis without AUTH; plain TCP. */
    public RedisConnection(String host, int port, String password) {
        this(host, port, password, RedisTls.OFF);
    }

    /** {@code password} null: Redis without AUTH; {@code tls} as the API's ({@code kubejudge.redis.tls.*}). */
    public RedisConnection(String host, int port, String password, RedisTls tls) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MS)
                .socketTimeoutMillis(SOCKET_TIMEOUT_MS)
                .clientName("kubejudge-operator")
                .password(password);
        if (tls.enabled()) {
            config.ssl(true).sslSocketFactory(tls.socketFactory()).sslParameters(tls.parameters());
        }
        this.jedis = new JedisPooled(new HostAndPort(host, port), config.build());
    }

    /** Runs a command; throws RedisUnavailableException when Redis cannot answer. */
    public <T> T call(Function<UnifiedJedis, T> command) {
        try {
            T result = command.apply(jedis);
            up.set(true);
            return result;
        } catch (RuntimeException e) {
            up.set(false);
            throw new RedisUnavailableException(e);
        }
    }

    /** Whether the last command reached Redis. */
    public boolean isUp() {
        return up.get();
    }

    /** A health probe: PING. */
    public boolean ping() {
        try {
            return "PONG".equals(call(UnifiedJedis::ping));
        } catch (RedisUnavailableException e) {
            return false;
        }
    }

    @Override
    public void close() {
        jedis.close();
    }

    public static final class RedisUnavailableException extends RuntimeException {
        RedisUnavailableException(Throwable cause) {
            super("Redis unavailable: " + cause.getMessage(), cause);
        }
    }
}
