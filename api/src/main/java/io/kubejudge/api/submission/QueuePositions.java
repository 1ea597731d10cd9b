package io.kubejudge.api.submission;

import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.model.redis.RedisKeys;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/** Live queue positions (1 = next) from the operator's sorted set per pool. */
@Singleton
public class QueuePositions {

    private static final Logger LOG = Logger.getLogger(QueuePositions.class);

    private final JedisPooled redis;
    private final String namespace;

    QueuePositions(JedisPooled redis, JudgeNamespace namespace) {
        this.redis = redis;
        this.namespace = namespace.name();
    }

    /** Empty when the submission is not queued, or Redis cannot say. */
    public Optional<Integer> position(String pool, String submission) {
        try {
            Long rank = redis.zrank(RedisKeys.queue(namespace, pool), submission);
            return rank == null ? Optional.empty() : Optional.of((int) (rank + 1));
        } catch (JedisException e) {
            LOG.debugf("queue position of %s unknown: %s", submission, e.getMessage());
            return Optional.empty();
        }
    }

    /** Positions of many submissions in one round trip; null entries are not queued. */
    public List<Integer> positions(List<QueuedEntry> entries) {
        List<Integer> out = new ArrayList<>(entries.size());
        if (entries.isEmpty()) {
            return out;
        }
        try (Pipeline p = redis.pipelined()) {
            List<Response<Long>> ranks = new ArrayList<>(entries.size());
            for (QueuedEntry e : entries) {
                ranks.add(p.zrank(RedisKeys.queue(namespace, e.pool()), e.submission()));
            }
            p.sync();
            for (Response<Long> r : ranks) {
                Long rank = r.get();
                out.add(rank == null ? null : (int) (rank + 1));
            }
            return out;
        }
    }

    /** Queue sizes of many pools in one round trip. */
    public List<Long> sizes(List<String> pools) {
        List<Long> out = new ArrayList<>(pools.size());
        try (Pipeline p = redis.pipelined()) {
            List<Response<Long>> cards = new ArrayList<>(pools.size());
            for (String pool : pools) {
                cards.add(p.zcard(RedisKeys.queue(namespace, pool)));
            }
            p.sync();
            for (Response<Long> r : cards) {
                out.add(r.get());
            }
            return out;
        }
    }

    public record QueuedEntry(String pool, String submission) {
    }
}
