package io.kubejudge.api.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.api.v1alpha1.JudgeSubmission;
import io.kubejudge.api.v1alpha1.KubeJudge;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The live JudgeSubmissions on the API server: read, create, merge-patch the spec. */
@Singleton
public class SubmissionStore {

    private final MixedOperation<JudgeSubmission, KubernetesResourceList<JudgeSubmission>, Resource<JudgeSubmission>> submissions;
    private final String namespace;
    private final ObjectMapper json = new ObjectMapper();

    SubmissionStore(KubernetesClient client, JudgeNamespace namespace) {
        this.namespace = namespace.name();
        this.submissions = client.resources(JudgeSubmission.class);
    }

    public Optional<JudgeSubmission> get(String name) {
        return Optional.ofNullable(submissions.inNamespace(namespace).withName(name).get());
    }

    /** Creates the submission; empty when one of that name exists already. */
    public Optional<JudgeSubmission> create(JudgeSubmission submission) {
        try {
            return Optional.of(submissions.inNamespace(namespace).resource(submission).create());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Merge-patches spec fields. The resource version makes the patch conditional, so that two
     * rejudges of one submission never count as one.
     */
    public JudgeSubmission patchSpec(JudgeSubmission current, Map<String, Object> spec) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("metadata", Map.of("resourceVersion", current.getMetadata().getResourceVersion()));
        patch.put("spec", spec);
        try {
            return submissions.inNamespace(namespace).withName(current.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), json.writeValueAsString(patch));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<JudgeSubmission> byProblem(String problemName) {
        return submissions.inNamespace(namespace).withLabel(KubeJudge.LABEL_PROBLEM, problemName).list().getItems();
    }
}
