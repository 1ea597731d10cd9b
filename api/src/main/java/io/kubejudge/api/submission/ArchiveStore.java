package io.kubejudge.api.submission;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.api.redis.RedisKeys;
import io.kubejudge.api.v1alpha1.JudgeSubmission;
import io.kubejudge.api.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.api.v1alpha1.JudgeSubmissionStatus;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Submissions the operator archived to Redis before deleting them: the whole resource as JSON.
 * While Redis is unreachable the archive reads as empty, so live submissions stay readable.
 *
 * <p>Reading archives is the most frequent thing the API does (status reads of finished
 * submissions), so they are parsed from Redis' bytes straight into the resource's parts with a
 * plain Jackson reader, the one the operator's archive is written with: no fabric8 polymorphic
 * deserialisation and no {@link JudgeSubmission} unless a caller needs the resource.
 */
@Singleton
public class ArchiveStore {

    private static final Logger LOG = Logger.getLogger(ArchiveStore.class);

    /** The archived resource in parts; apiVersion and kind are implied. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Archived(ObjectMeta metadata, JudgeSubmissionSpec spec, JudgeSubmissionStatus status) {
        public JudgeSubmission toResource() {
            JudgeSubmission s = new JudgeSubmission();
            s.setMetadata(metadata);
            s.setSpec(spec);
            s.setStatus(status);
            return s;
        }
    }

    /** A status read never shows the source, which may be 64 KiB: skipped, not decoded. */
    @JsonIgnoreProperties("source")
    private interface WithoutSource {
    }

    private static final ObjectReader FULL = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .readerFor(Archived.class);
    private static final ObjectReader FOR_READING = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(JudgeSubmissionSpec.class, WithoutSource.class)
            .readerFor(Archived.class);

    private final JedisPooled redis;
    private final String namespace;

    ArchiveStore(JedisPooled redis, JudgeNamespace namespace) {
        this.redis = redis;
        this.namespace = namespace.name();
    }

    /** The archived resource, source included. */
    public Optional<JudgeSubmission> find(String name) {
        return read(name, FULL).map(Archived::toResource);
    }

    /** The archived resource without its source, for showing it. */
    public Optional<Archived> findForReading(String name) {
        return read(name, FOR_READING);
    }

    private Optional<Archived> read(String name, ObjectReader reader) {
        byte[] json;
        try {
            json = redis.get(SafeEncoder.encode(RedisKeys.archive(namespace, name)));
        } catch (JedisException e) {
            LOG.debugf("archive of %s unreadable, Redis: %s", name, e.getMessage());
            return Optional.empty();
        }
        if (json == null) {
            return Optional.empty();
        }
        try {
            Archived archived = reader.readValue(json);
            if (archived.metadata() == null) {
                throw new IOException("no metadata");
            }
            return Optional.of(archived);
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
