package io.kubejudge.api.submission;

import io.kubejudge.api.config.ApiConfig;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.api.error.ApiError;
import io.kubejudge.api.error.ApiException;
import io.kubejudge.api.redis.RedisKeys;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import redis.clients.jedis.JedisPooled;
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

    /** Records an attempt of {@code userId}, or throws 429 with Retry-After when the window is full. */
    public Permit acquire(String userId) {
        if (!enabled) {
            return Permit.NONE;
        }
        String key = RedisKeys.rateLimit(namespace, userId);
        // Unique per attempt, not secret: UUID.randomUUID() would read the kernel's entropy under a global lock.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String member = new UUID(random.nextLong(), random.nextLong()).toString();
        long waitMs;
        try {
            waitMs = run(key, member);
        } catch (JedisException e) {
            LOG.debugf("rate limit not enforced, Redis: %s", e.getMessage());
            return Permit.NONE;
        }
        if (waitMs > 0) {
            long seconds = Math.max(1, (waitMs + 999) / 1000);
            throw new ApiException(429, new ApiError("rate_limited", "at most " + limit + " submissions per "
                    + windowMs / 1000 + " s per user; retry in " + seconds + " s", "user_id"),
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        return new Permit(key, member);
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

    private long run(String key, String member) {
        List<String> keys = List.of(key);
        List<String> args = List.of(Integer.toString(limit), Long.toString(windowMs), member);
        String loaded = sha;
        if (loaded != null) {
            try {
                return ((Number) redis.evalsha(loaded, keys, args)).longValue();
            } catch (JedisNoScriptException e) {
                // Redis restarted and forgot the script: load it again.
            }
        }
        sha = redis.scriptLoad(SCRIPT);
        return ((Number) redis.evalsha(sha, keys, args)).longValue();
    }
}
