package io.kubejudge.api.redis;

/**
 * The Redis key schema shared with the operator, which writes what the API reads:
 * <ul>
 * <li>{@link #queue}: sorted set per pool, members are submission resource names, ordered by
 *     admission order; {@code ZRANK + 1} is the live queue position.</li>
 * <li>{@link #events}: pub/sub channel per submission; each message is one JSON change
 *     (see {@code io.kubejudge.api.events.OperatorEvent}).</li>
 * <li>{@link #archive}: string per submission holding the whole JudgeSubmission resource as JSON,
 *     written (with a TTL) just before the resource is deleted.</li>
 * <li>{@link #rateLimit}: the API's own sliding window per user (sorted set of attempt times).</li>
 * </ul>
 * The operator's {@code RedisKeys} must produce the same strings; the lead will merge both into one place.
 */
public final class RedisKeys {

    public static final String PREFIX = "kubejudge:";

    private RedisKeys() {
    }

    public static String queue(String namespace, String pool) {
        return PREFIX + "queue:" + namespace + ":" + pool;
    }

    public static String events(String namespace, String submission) {
        return PREFIX + "events:" + namespace + ":" + submission;
    }

    public static String archive(String namespace, String submission) {
        return PREFIX + "archive:" + namespace + ":" + submission;
    }

    public static String rateLimit(String namespace, String userId) {
        return PREFIX + "ratelimit:" + namespace + ":" + userId;
    }
}
