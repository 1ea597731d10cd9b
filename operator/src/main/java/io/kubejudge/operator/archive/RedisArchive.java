package io.kubejudge.operator.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import java.time.Duration;
import redis.clients.jedis.params.SetParams;

/**
 * The archive of finished submissions in Redis (key {@link RedisKeys#archive}, with a TTL). The
 * write is synchronous and confirmed: the caller deletes the resource only after it returned.
 */
public final class RedisArchive implements SubmissionArchive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RedisConnection redis;
    private final Duration ttl;

    public RedisArchive(RedisConnection redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void store(JudgeSubmission s) {
        String ns = s.getMetadata().getNamespace();
        String name = s.getMetadata().getName();
        String json = toJson(s);
        SetParams expiry = SetParams.setParams().ex(ttl.toSeconds());
        redis.call(j -> {
            j.set(RedisKeys.archive(ns, name), json, expiry);
            if (s.getSpec() != null && s.getSpec().getSubmissionId() != null) {
                j.set(RedisKeys.submissionId(ns, s.getSpec().getSubmissionId()), name, expiry);
            }
            return null;
        });
    }

    static String toJson(JudgeSubmission s) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode meta = root.putObject("metadata");
        meta.put("name", s.getMetadata().getName());
        meta.put("namespace", s.getMetadata().getNamespace());
        meta.put("uid", s.getMetadata().getUid());
        meta.put("creationTimestamp", s.getMetadata().getCreationTimestamp());
        meta.set("labels", JSON.valueToTree(s.getMetadata().getLabels()));
        root.set("spec", JSON.valueToTree(s.getSpec()));
        root.set("status", JSON.valueToTree(s.getStatus()));
        return root.toString();
    }
}
