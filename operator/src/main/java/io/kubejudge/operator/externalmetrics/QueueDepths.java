package io.kubejudge.operator.externalmetrics;

import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.operator.OperatorComponents;
import io.kubejudge.operator.admission.AdmissionQueue;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.archive.RedisConnection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Where the queue depth of a pool is read. The leading operator (the one whose queue has been
 * rebuilt) answers from its in-memory queue, which is the truth. A standby replica, which the
 * APIService's Service reaches just as often, answers from the Redis mirror of the queue
 * (ZCARD of {@link RedisKeys#queue}), which the leader keeps; without Redis it cannot answer, and
 * says so rather than report an empty queue that would scale the pool down.
 */
public final class QueueDepths {

    /** The depth cannot be known on this replica. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private final AdmissionQueue queue;
    private final RedisConnection redis;

    public QueueDepths(AdmissionQueue queue, RedisConnection redis) {
        this.queue = queue;
        this.redis = redis;
    }

    public static QueueDepths of(OperatorComponents components) {
        return new QueueDepths(components.queue(), components.redis().orElse(null));
    }

    /** The depth of one pool: 0 for a pool nobody waits in. */
    public long depth(PoolKey pool) {
        if (queue.isRebuilt()) {
            return queue.queued(pool);
        }
        return fromRedis(j -> j.zcard(RedisKeys.queue(pool.namespace(), pool.pool())));
    }

    /** The pools of a namespace that have (or had) a queue, with their depths. */
    public Map<String, Long> depths(String namespace) {
        Map<String, Long> out = new TreeMap<>();
        if (queue.isRebuilt()) {
            for (PoolKey pool : queue.pools()) {
                if (pool.namespace().equals(namespace)) {
                    out.put(pool.pool(), (long) queue.queued(pool));
                }
            }
            return out;
        }
        String prefix = RedisKeys.queue(namespace, "");
        return fromRedis(j -> {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = j.scan(cursor, new ScanParams().match(prefix + "*").count(500));
                for (String key : page.getResult()) {
                    out.put(key.substring(prefix.length()), j.zcard(key));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return out;
        });
    }

    private <T> T fromRedis(java.util.function.Function<redis.clients.jedis.UnifiedJedis, T> read) {
        if (redis == null) {
            throw new Unavailable("this operator replica is not leading and has no Redis to read the queue from");
        }
        try {
            return Optional.ofNullable(redis.call(read)).orElseThrow();
        } catch (RuntimeException e) {
            throw new Unavailable("this operator replica is not leading and cannot read the queue from Redis: " + e.getMessage());
        }
    }
}
