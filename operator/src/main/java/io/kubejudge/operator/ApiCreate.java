package io.kubejudge.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates an object the operator never reads back from the create's answer (a judge Job, its
 * source ConfigMap, an Event) with one plain POST through the client's HTTP client, which keeps
 * the client's authentication and retries. fabric8's {@code create()} would parse the answer into
 * a new object, and for a Job that and the request's URL building were a large share of an
 * admission's CPU time; the informers read the object anyway.
 *
 * <p>The body is written by a plain Jackson mapper: for these objects, all built by the operator,
 * it writes the same JSON as the client's serialization (ApiCreateTest checks) in half the time.
 */
public final class ApiCreate {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the API server answered: created, or already there (409, e.g. after a restart). */
    public enum Result { CREATED, EXISTED }

    private ApiCreate() {
    }

    /**
     * @param apiPath the collection's path with its group and version: {@code api/v1} or {@code apis/batch/v1}
     * @param plural  the resource's plural: {@code jobs}, {@code configmaps}, {@code events}
     * @throws KubernetesClientException with the API server's status code for any other answer
     */
    public static Result create(KubernetesClient client, String apiPath, String plural, HasMetadata object) {
        String master = client.getMasterUrl().toString();
        String url = master + (master.endsWith("/") ? "" : "/") + apiPath + "/namespaces/"
                + object.getMetadata().getNamespace() + "/" + plural;
        byte[] body = json(object);
        HttpRequest.Builder request = client.getHttpClient().newHttpRequestBuilder().uri(url).post("application/json", body);
        int timeout = client.getConfiguration().getRequestTimeout();
        if (timeout > 0) {
            request.timeout(timeout, TimeUnit.MILLISECONDS);
        }
        HttpResponse<byte[]> response;
        try {
            response = client.getHttpClient().sendAsync(request.build(), byte[].class)
                    .get(timeout > 0 ? timeout + 5_000L : Long.MAX_VALUE, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while creating " + plural + "/" + object.getMetadata().getName(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KubernetesClientException("cannot create " + plural + "/" + object.getMetadata().getName() + ": " + e.getMessage(),
                    e.getCause() == null ? e : e.getCause());
        }
        if (response.code() == 409) {
            return Result.EXISTED;
        }
        if (response.code() / 100 != 2) {
            byte[] answer = response.body();
            throw new KubernetesClientException("Failure executing: POST at: " + url + ". Status " + response.code() + ": "
                    + (answer == null ? "" : new String(answer, StandardCharsets.UTF_8)), response.code(), null);
        }
        return Result.CREATED;
    }

    /** The request body for {@code object}. */
    static byte[] json(HasMetadata object) {
        try {
            return JSON.writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + object.getKind() + " " + object.getMetadata().getName() + " as JSON", e);
        }
    }
}
