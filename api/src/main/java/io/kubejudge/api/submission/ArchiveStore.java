package io.kubejudge.api.submission;

import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Submissions the operator archived to Redis before deleting them: the whole resource as JSON.
 * While Redis is unreachable the archive reads as empty, so live submissions stay readable.
 *
 * <p>Reading archives is the most frequent thing the API does (status reads of finished
 * submissions), so they are parsed from Redis' bytes straight into the resource's parts
 * ({@link SubmissionJson}), without building a {@link JudgeSubmission} unless a caller needs one.
 */
@Singleton
public class ArchiveStore {

    private static final Logger LOG = Logger.getLogger(ArchiveStore.class);

    private final JedisPooled redis;
    private final String namespace;

    ArchiveStore(JedisPooled redis, JudgeNamespace namespace) {
        this.redis = redis;
        this.namespace = namespace.name();
    }

    /** The archived resource, source included. */
    public Optional<JudgeSubmission> find(String name) {
        return read(name, true).map(SubmissionJson.Parts::toResource);
    }

    /** The archived resource without its source, for showing it. */
    public Optional<SubmissionJson.Parts> findForReading(String name) {
        return read(name, false);
    }

    /**
     * Queues the lookup of {@link #find} on {@code pipeline}, to share a round trip; the supplier
     * answers once the pipeline was synced (empty when that failed).
     */
    public Supplier<Optional<JudgeSubmission>> find(Pipeline pipeline, String name) {
        Response<byte[]> json = pipeline.get(key(name));
        return () -> {
            byte[] bytes;
            try {
                bytes = json.get();
            } catch (JedisException | IllegalStateException e) {
                LOG.debugf("archive of %s unreadable, Redis: %s", name, e.getMessage());
                return Optional.empty();
            }
            return parse(name, bytes, true).map(SubmissionJson.Parts::toResource);
        };
    }

    private byte[] key(String name) {
        return SafeEncoder.encode(RedisKeys.archive(namespace, name));
    }

    private Optional<SubmissionJson.Parts> read(String name, boolean withSource) {
        byte[] json;
        try {
            json = redis.get(key(name));
        } catch (JedisException e) {
            LOG.debugf("archive of %s unreadable, Redis: %s", name, e.getMessage());
            return Optional.empty();
        }
        return parse(name, json, withSource);
    }

    private static Optional<SubmissionJson.Parts> parse(String name, byte[] json, boolean withSource) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(withSource ? SubmissionJson.read(json) : SubmissionJson.readWithoutSource(json));
        } catch (IOException | RuntimeException e) {
            LOG.errorf("archive of %s is not a JudgeSubmission: %s", name, e.getMessage());
            return Optional.empty();
        }
    }

    /** Forgets an archived result that a rejudge makes stale. */
    public void delete(String name) {
        redis.del(RedisKeys.archive(namespace, name));
    }
}
