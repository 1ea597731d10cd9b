package io.kubejudge.operator.admission;

import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.operator.archive.RedisWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import java.util.List;
import java.util.Map;

/**
 * Mirrors the admission queue into one Redis sorted set per pool ({@link RedisKeys#queue}), so the
 * API can serve live positions with ZRANK in O(log n). The in-memory queue is the truth; after a
 * Redis outage or an operator restart the sets are rewritten from it.
 */
public final class RedisQueueIndex implements AdmissionQueue.Listener {
    private final AdmissionQueue queue;
    private final Set<String> namespaces;
    private RedisWriter writer;

    /**
     * @param namespaces the namespaces this operator watches (empty: all), whose stale sets it may delete
     */
    public RedisQueueIndex(AdmissionQueue queue, Set<String> namespaces) {
        this.queue = queue;
        this.namespaces = namespaces;
    }

    public void attach(RedisWriter writer) {
        this.writer = writer;
    }

    @Override
    public void queued(PoolKey pool, QueueEntry entry) {
        writer.index(j -> j.zadd(RedisKeys.queue(pool.namespace(), pool.pool()), entry.redisScore(), entry.name()));
    }

    @Override
    public void left(PoolKey pool, String name) {
        writer.index(j -> j.zrem(RedisKeys.queue(pool.namespace(), pool.pool()), name));
    }

    /** After a start the sets in Redis may be from before: rewrite them once the queue is rebuilt. */
    @Override
    public void rebuilt() {
        writer.requestResync();
    }

    /**
     * Rewrites every pool's set from memory, each swapped in atomically (RENAME of a fresh set),
     * and deletes the sets of pools of watched namespaces that nobody waits in any more.
     */
    public void resyncAll(redis.clients.jedis.UnifiedJedis jedis) {
        Set<String> current = new HashSet<>();
        for (PoolKey pool : queue.pools()) {
            current.add(RedisKeys.queue(pool.namespace(), pool.pool()));
        }
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams match = new ScanParams().match(RedisKeys.queuePattern()).count(500);
        do {
            ScanResult<String> page = jedis.scan(cursor, match);
            for (String key : page.getResult()) {
                String[] parts = key.split(":");
                boolean watched = namespaces.isEmpty() || (parts.length >= 4 && namespaces.contains(parts[2]));
                if (watched && !current.contains(key)) {
                    jedis.del(key);
                }
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        for (PoolKey pool : queue.pools()) {
            List<QueueEntry> waiting = queue.waiting(pool);
            String key = RedisKeys.queue(pool.namespace(), pool.pool());
            if (waiting.isEmpty()) {
                jedis.del(key);
                continue;
            }
            String staging = key + ":rebuild";
            jedis.del(staging);
            Map<String, Double> members = new LinkedHashMap<>();
            for (QueueEntry e : waiting) {
                members.put(e.name(), e.redisScore());
                if (members.size() == 1000) {
                    jedis.zadd(staging, members);
                    members.clear();
                }
            }
            if (!members.isEmpty()) {
                jedis.zadd(staging, members);
            }
            jedis.rename(staging, key);
        }
    }
}
