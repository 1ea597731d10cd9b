package io.kubejudge.api.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import redis.clients.jedis.Jedis;

/** Does what the operator's retention does: archive the resource to Redis, then delete it. */
public final class Archive {

    private Archive() {
    }

    public static void archiveAndDelete(KubernetesClient client, long submissionId, String phase, String verdict) {
        JudgeSubmission s = Fixtures.submission(client, submissionId);
        JudgeSubmissionStatus st = new JudgeSubmissionStatus();
        st.setPhase(client.getKubernetesSerialization().unmarshal("\"" + phase + "\"", JudgeSubmissionStatus.Phase.class));
        st.setVerdict(verdict == null ? null : Verdict.fromWireName(verdict));
        st.setScore(verdict != null && verdict.equals("Accepted") ? 100.0 : 0.0);
        st.setMaxScore(100.0);
        s.setStatus(st);
        archive(client, s);
        client.resources(JudgeSubmission.class).withName(s.getMetadata().getName()).delete();
    }

    public static void archive(KubernetesClient client, JudgeSubmission s) {
        try (Jedis j = redis()) {
            j.setex(RedisKeys.archive(client.getNamespace(), s.getMetadata().getName()), 3600, operatorJson(s));
        }
    }

    /** The operator's archive format (its RedisArchive.toJson): metadata without annotations. */
    public static String operatorJson(JudgeSubmission s) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode meta = root.putObject("metadata");
        meta.put("name", s.getMetadata().getName());
        meta.put("namespace", s.getMetadata().getNamespace());
        meta.put("uid", s.getMetadata().getUid());
        meta.put("creationTimestamp", s.getMetadata().getCreationTimestamp());
        meta.set("labels", json.valueToTree(s.getMetadata().getLabels()));
        root.set("spec", json.valueToTree(s.getSpec()));
        root.set("status", json.valueToTree(s.getStatus()));
        return root.toString();
    }

    public static Jedis redis() {
        return new Jedis("127.0.0.1", RedisServerResource.port());
    }
}
