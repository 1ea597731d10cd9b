package io.kubejudge.model.redis;

/**
 * The Redis key schema: the operator writes, the API reads (and keeps its own rate-limit key here
 * too, so that every key the product uses is listed in one place). {@code <ns>} is the Kubernetes
 * namespace, {@code <submission>} the JudgeSubmission's resource name, {@code <pool>} the
 * JudgeNodePool's name.
 *
 * <ul>
 *   <li>{@code kubejudge:queue:<ns>:<pool>} — sorted set of waiting submissions (member = resource
 *       name, score = admission order): {@code ZRANK} + 1 is the live queue position,
 *       {@code ZCARD} the queue depth. Absent member = not waiting (admitted, finished, or unknown).</li>
 *   <li>{@code kubejudge:events:<ns>:<submission>} — Pub/Sub channel: one JSON
 *       {@link SubmissionEvent} per status change.</li>
 *   <li>{@code kubejudge:events-log:<ns>:<submission>} — list of the same JSON events (oldest
 *       first, last {@value #EVENT_LOG_LENGTH} kept, expires with the archive): catch-up for a
 *       stream that subscribes late or reconnects.</li>
 *   <li>{@code kubejudge:archive:<ns>:<submission>} — string: the archived submission as JSON
 *       ({@code {"metadata":{name,namespace,uid,labels,creationTimestamp},"spec":{...},"status":{...}}}),
 *       written before the resource is deleted, with the archive TTL.</li>
 *   <li>{@code kubejudge:submission-id:<ns>:<submissionId>} — string: resource name of the
 *       submission with that platform id ({@code spec.submissionId}), same TTL as the archive.</li>
 *   <li>{@code kubejudge:ratelimit:<ns>:<user>} — the API's sliding window per user (sorted set of
 *       attempt times).</li>
 *   <li>{@code kubejudge:api-control:<ns>} — Pub/Sub channel the API replicas use among themselves.</li>
 * </ul>
 */
public final class RedisKeys {
    public static final String PREFIX = "kubejudge:";
    public static final int EVENT_LOG_LENGTH = 200;

    private RedisKeys() {
    }

    public static String queue(String namespace, String pool) {
        return PREFIX + "queue:" + namespace + ":" + pool;
    }

    /** The pattern that matches every pool's queue key, for a SCAN over stale queues. */
    public static String queuePattern() {
        return PREFIX + "queue:*";
    }

    public static String events(String namespace, String submission) {
        return PREFIX + "events:" + namespace + ":" + submission;
    }

    public static String eventLog(String namespace, String submission) {
        return PREFIX + "events-log:" + namespace + ":" + submission;
    }

    public static String archive(String namespace, String submission) {
        return PREFIX + "archive:" + namespace + ":" + submission;
    }

    public static String submissionId(String namespace, String submissionId) {
        return PREFIX + "submission-id:" + namespace + ":" + submissionId;
    }

    public static String rateLimit(String namespace, String userId) {
        return PREFIX + "ratelimit:" + namespace + ":" + userId;
    }

    /** The pattern that matches every user's rate-limit window, in every namespace. */
    public static String rateLimitPattern() {
        return PREFIX + "ratelimit:*";
    }

    public static String apiControl(String namespace) {
        return PREFIX + "api-control:" + namespace;
    }
}
