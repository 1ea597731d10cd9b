package io.kubejudge.api.submission;

import io.kubejudge.api.config.ApiConfig;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.api.error.ApiError;
import io.kubejudge.api.error.ApiException;
import io.kubejudge.model.redis.RedisKeys;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Per-user sliding window of submissions, in Redis so that every API replica counts the same
 * attempts. One script trims, counts and records atomically on Redis' own clock (replicas'
 * clocks may disagree). When Redis is unreachable submissions are let through: judging matters
 * more than the limit.
 */
@Singleton
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
              redis.call('ZADD', KEYS[1], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[1], window)
              return 0
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return tonumber(oldest[2]) + window - now
            """;

    private final JedisPooled redis;
    private final String namespace;
    private final boolean enabled;
    private final int limit;
    private final long windowMs;
    private volatile String sha;

    RateLimiter(JedisPooled redis, JudgeNamespace namespace, ApiConfig config) {
        this.redis = redis;
        this.namespace = namespace.name();
        this.enabled = config.rateLimit().enabled();
        this.limit = config.rateLimit().submissions();
        this.windowMs = config.rateLimit().window().toMillis();
    }

    /** A recorded attempt; release it when the attempt turned out not to be a new submission. */
    public record Permit(String key, String member) {
        static final Permit NONE = new Permit(null, null);
    }

    /** An attempt: recorded (a permit, perhaps {@link Permit#NONE}) or refused for {@code waitMs}. */
    public record Attempt(Permit permit, long waitMs) {
        public boolean limited() {
            return waitMs > 0;
        }
    }

    /**
     * Records an attempt of {@code userId} in the same Redis round trip as the commands that
     * {@code alongside} queues (a submit's archive lookup), without throwing for the limit: the
     * caller may have a better answer than 429 (see {@link #limited}). Redis unreachable: the
     * attempt is let through, and {@code alongside} was not called or its responses throw when read.
     */
    public Attempt attempt(String userId, Consumer<Pipeline> alongside) {
        String key = RedisKeys.rateLimit(namespace, userId);
        // Unique per attempt, not secret: UUID.randomUUID() would read the kernel's entropy under a global lock.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String member = new UUID(random.nextLong(), random.nextLong()).toString();
        List<String> keys = List.of(key);
        List<String> args = List.of(Integer.toString(limit), Long.toString(windowMs), member);
        Response<Object> waited = null;
        try (Pipeline p = redis.pipelined()) {
            alongside.accept(p);
            String loaded = sha;
            if (enabled && loaded != null) {
                waited = p.evalsha(loaded, keys, args);
            }
            p.sync();
        } catch (JedisException e) {
            LOG.debugf("rate limit not enforced, Redis: %s", e.getMessage());
            return new Attempt(Permit.NONE, 0);
        }
        if (!enabled) {
            return new Attempt(Permit.NONE, 0);
        }
        long waitMs;
        try {
            if (waited != null) {
                try {
                    waitMs = ((Number) waited.get()).longValue();
                } catch (JedisNoScriptException e) {
                    // Redis restarted and forgot the script.
                    waitMs = loadAndRun(keys, args);
                }
            } else {
                waitMs = loadAndRun(keys, args);
            }
        } catch (JedisException e) {
            LOG.debugf("rate limit not enforced, Redis: %s", e.getMessage());
            return new Attempt(Permit.NONE, 0);
        }
        return waitMs > 0 ? new Attempt(Permit.NONE, waitMs) : new Attempt(new Permit(key, member), 0);
    }

    /** The 429 of a refused attempt, with Retry-After. */
    public ApiException limited(Attempt attempt) {
        long seconds = Math.max(1, (attempt.waitMs() + 999) / 1000);
        return new ApiException(429, new ApiError("rate_limited", "at most " + limit + " submissions per "
                + windowMs / 1000 + " s per user; retry in " + seconds + " s", "user_id"),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    public void release(Permit permit) {
        if (permit.key() == null) {
            return;
        }
        try {
            redis.zrem(permit.key(), permit.member());
        } catch (JedisException e) {
            LOG.debugf("rate limit permit not released: %s", e.getMessage());
        }
    }

    /** Loads the script (first use, or Redis forgot it) and runs it. */
    private long loadAndRun(List<String> keys, List<String> args) {
        sha = redis.scriptLoad(SCRIPT);
        return ((Number) redis.evalsha(sha, keys, args)).longValue();
    }
}
