package io.kubejudge.api.submission;

import io.kubejudge.api.auth.Caller;
import io.kubejudge.api.config.ApiConfig;
import io.kubejudge.api.error.ApiError;
import io.kubejudge.api.error.ApiException;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user limit of reads (status reads, stream opens): a token bucket per user in this replica,
 * holding {@code reads} tokens and refilled evenly over {@code read-window}. In memory rather
 * than in Redis: reads are the API's hottest path and a Redis round trip would double their
 * cost; with N replicas a user may read up to N times the limit, which still bounds the load
 * one user puts on the API server and Redis. Admins (the platform's back end) are not limited.
 */
@Singleton
public class ReadLimiter {

    /** Above this many users, buckets that are full again are forgotten (a full bucket is the default). */
    static final int FORGET_ABOVE = 100_000;

    private final boolean enabled;
    private final int capacity;
    private final long windowNanos;
    private final double tokensPerNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ReadLimiter(ApiConfig config) {
        this.enabled = config.rateLimit().enabled();
        this.capacity = config.rateLimit().reads();
        this.windowNanos = config.rateLimit().readWindow().toNanos();
        this.tokensPerNano = (double) capacity / windowNanos;
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    /** Takes one read from the caller's bucket, or throws 429 with Retry-After. */
    public void check(Caller caller) {
        if (!enabled || caller.admin()) {
            return;
        }
        String user = caller.userId() == null ? "" : caller.userId();
        long now = System.nanoTime();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> now - b.updated >= windowNanos);
        }
        Bucket b = buckets.computeIfAbsent(user, u -> new Bucket(capacity, now));
        long waitNanos;
        synchronized (b) {
            b.tokens = Math.min(capacity, b.tokens + (now - b.updated) * tokensPerNano);
            b.updated = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return;
            }
            waitNanos = (long) Math.ceil((1 - b.tokens) / tokensPerNano);
        }
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        throw new ApiException(429, new ApiError("rate_limited", "at most " + capacity + " reads per "
                + windowNanos / 1_000_000_000L + " s per user; retry in " + seconds + " s", null),
                Map.of("Retry-After", Long.toString(seconds)));
    }
}
