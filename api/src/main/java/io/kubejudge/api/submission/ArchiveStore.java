package io.kubejudge.api.submission;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.api.redis.RedisKeys;
import io.kubejudge.api.v1alpha1.JudgeSubmission;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Submissions the operator archived to Redis before deleting them: the whole resource as JSON.
 * While Redis is unreachable the archive reads as empty, so live submissions stay readable.
 */
@Singleton
public class ArchiveStore {

    private static final Logger LOG = Logger.getLogger(ArchiveStore.class);

    private final JedisPooled redis;
    private final String namespace;
    private final KubernetesSerialization serialization;

    ArchiveStore(JedisPooled redis, JudgeNamespace namespace, KubernetesClient client) {
        this.redis = redis;
        this.namespace = namespace.name();
        this.serialization = client.getKubernetesSerialization();
    }

    public Optional<JudgeSubmission> find(String name) {
        String json;
        try {
            json = redis.get(RedisKeys.archive(namespace, name));
        } catch (JedisException e) {
            LOG.debugf("archive of %s unreadable, Redis: %s", name, e.getMessage());
            return Optional.empty();
        }
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(serialization.unmarshal(json, JudgeSubmission.class));
        } catch (RuntimeException e) {
            LOG.errorf("archive of %s is not a JudgeSubmission: %s", name, e.getMessage());
            return Optional.empty();
        }
    }

    /** Forgets an archived result that a rejudge makes stale. */
    public void delete(String name) {
        redis.del(RedisKeys.archive(namespace, name));
    }
}
