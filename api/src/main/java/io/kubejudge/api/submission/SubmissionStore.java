package io.kubejudge.api.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.URLUtils;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.KubeJudge;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/** The live JudgeSubmissions on the API server: read, create, merge-patch the spec. */
@Singleton
public class SubmissionStore {

    private final MixedOperation<JudgeSubmission, KubernetesResourceList<JudgeSubmission>, Resource<JudgeSubmission>> submissions;
    private final String namespace;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final KubernetesSerialization serialization;
    private final String collectionUrl;

    SubmissionStore(KubernetesClient client, JudgeNamespace namespace) {
        this.namespace = namespace.name();
        this.submissions = client.resources(JudgeSubmission.class);
        this.http = client.getHttpClient();
        this.serialization = client.getKubernetesSerialization();
        this.collectionUrl = URLUtils.join(client.getMasterUrl().toString(), "apis", HasMetadata.getGroup(JudgeSubmission.class),
                HasMetadata.getVersion(JudgeSubmission.class), "namespaces", this.namespace,
                HasMetadata.getPlural(JudgeSubmission.class));
    }

    public Optional<JudgeSubmission> get(String name) {
        return Optional.ofNullable(submissions.inNamespace(namespace).withName(name).get());
    }

    /**
     * Creates the submission; empty when one of that name exists already.
     *
     * <p>Every submit comes here, so this is fabric8's create without its typed layer: the same
     * HTTP client (authentication, token refresh, retries of 5xx and I/O errors), the same
     * errors, but the URL is built once and the answer is read by {@link SubmissionJson} on
     * this thread instead of by fabric8's tree-first unmarshalling on an event loop. That was
     * the largest part of a submit's CPU in the API.
     */
    public Optional<JudgeSubmission> create(JudgeSubmission submission) {
        HttpRequest request = http.newHttpRequestBuilder().uri(collectionUrl)
                .post("application/json", serialization.asJson(submission).getBytes(StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.sendAsync(request, byte[].class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KubernetesClientException.launderThrowable(e);
        } catch (ExecutionException e) {
            throw KubernetesClientException.launderThrowable(e.getCause() != null ? e.getCause() : e);
        }
        if (response.code() == 409) {
            return Optional.empty();
        }
        if (!response.isSuccessful()) {
            throw OperationSupport.requestFailure(request, OperationSupport.createStatus(response, serialization));
        }
        try {
            return Optional.of(SubmissionJson.read(response.body()).toResource());
        } catch (IOException e) {
            throw new KubernetesClientException("the API server answered a create with what is not a JudgeSubmission", e);
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
