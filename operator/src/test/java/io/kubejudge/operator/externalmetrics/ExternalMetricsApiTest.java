package io.kubejudge.operator.externalmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec.Priority;
import io.kubejudge.operator.admission.AdmissionQueue;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.archive.RedisConnection;
import io.kubejudge.testsupport.RedisServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The endpoint as kube-apiserver's aggregation layer and the HPA controller use it, over HTTP: the
 * discovery documents, then the pool's queue depth while the queue fills and drains.
 */
class ExternalMetricsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00.250Z"), ZoneOffset.UTC);
    private static final PoolKey POOL = new PoolKey("judge", "default");
    private static final String HPA_SELECTOR = "namespace=judge,pool=default";

    private final AdmissionQueue queue = new AdmissionQueue();

    @Test
    void theQueueDepthFollowsTheQueueAsTheHpaAsksForIt() throws Exception {
        queue.markRebuilt();
        queue.setCapacity(POOL, 1);
        try (ExternalMetricsHttpServer server = ExternalMetricsHttpServer.start(new ExternalMetricsApi(new QueueDepths(queue, null), CLOCK))) {
            JsonNode empty = metric(server, "judge", HPA_SELECTOR, 200);
            assertThat(empty.path("kind").asText()).isEqualTo("ExternalMetricValueList");
            assertThat(empty.path("apiVersion").asText()).isEqualTo("external.metrics.k8s.io/v1beta1");
            assertThat(empty.path("items")).as("a pool nobody waits in still has its series: 0").hasSize(1);
            JsonNode item = empty.path("items").get(0);
            assertThat(item.path("metricName").asText()).isEqualTo("kubejudge_queue_depth");
            assertThat(item.path("metricLabels").path("pool").asText()).isEqualTo("default");
            assertThat(item.path("metricLabels").path("namespace").asText()).isEqualTo("judge");
            assertThat(item.path("timestamp").asText()).isEqualTo("2026-12-03T12:00:00Z");
            assertThat(item.path("value").asText()).isEqualTo("0");

            for (int i = 0; i < 7; i++) {
                queue.enqueue(POOL, "s" + i, "u" + i, Priority.NORMAL);
            }
            assertThat(value(server)).isEqualTo("7");
            assertThat(queue.admit(POOL)).hasSize(1);
            assertThat(value(server)).isEqualTo("6");
            queue.setCapacity(POOL, 4);
            queue.admit(POOL);
            assertThat(value(server)).isEqualTo("3");
            queue.setCapacity(POOL, 10);
            queue.admit(POOL);
            assertThat(value(server)).isEqualTo("0");

            assertThat(metric(server, "other", "namespace=other,pool=default", 200).path("items").get(0).path("value").asText())
                    .as("another namespace's pool of the same name").isEqualTo("0");
            assertThat(metric(server, "judge", "namespace=other,pool=default", 200).path("items"))
                    .as("a selector that contradicts the path's namespace matches nothing").isEmpty();
            assertThat(metric(server, "judge", "", 200).path("items")).as("no selector: every known pool").hasSize(1);
        }
    }

    @Test
    void discoveryAndErrorsAreWhatTheAggregatorExpects() throws Exception {
        queue.markRebuilt();
        try (ExternalMetricsHttpServer server = ExternalMetricsHttpServer.start(new ExternalMetricsApi(new QueueDepths(queue, null), CLOCK))) {
            JsonNode resources = get(server, "/apis/external.metrics.k8s.io/v1beta1", 200);
            assertThat(resources.path("kind").asText()).isEqualTo("APIResourceList");
            assertThat(resources.path("groupVersion").asText()).isEqualTo("external.metrics.k8s.io/v1beta1");
            assertThat(resources.path("resources").get(0).path("name").asText()).isEqualTo("kubejudge_queue_depth");
            assertThat(resources.path("resources").get(0).path("namespaced").asBoolean()).isTrue();
            JsonNode group = get(server, "/apis/external.metrics.k8s.io", 200);
            assertThat(group.path("preferredVersion").path("groupVersion").asText()).isEqualTo("external.metrics.k8s.io/v1beta1");
            assertThat(get(server, "/apis", 200).path("groups").get(0).path("name").asText()).isEqualTo("external.metrics.k8s.io");
            assertThat(get(server, "/openapi/v2", 200).path("swagger").asText()).isEqualTo("2.0");

            JsonNode unknown = get(server, "/apis/external.metrics.k8s.io/v1beta1/namespaces/judge/cpu_usage", 404);
            assertThat(unknown.path("kind").asText()).isEqualTo("Status");
            assertThat(unknown.path("message").asText()).contains("cpu_usage").contains("kubejudge_queue_depth");
            assertThat(metric(server, "judge", "pool in gpu", 400).path("message").asText()).contains("pool in gpu");
        }
    }

    @Test
    void aStandbyReplicaReadsTheRedisMirrorAndWithoutRedisRefuses() throws Exception {
        AdmissionQueue standby = new AdmissionQueue();
        try (RedisServer redis = new RedisServer();
             RedisConnection connection = new RedisConnection(redis.host(), redis.port(), null);
             ExternalMetricsHttpServer server = ExternalMetricsHttpServer.start(
                     new ExternalMetricsApi(new QueueDepths(standby, connection), CLOCK));
             ExternalMetricsHttpServer withoutRedis = ExternalMetricsHttpServer.start(
                     new ExternalMetricsApi(new QueueDepths(standby, null), CLOCK))) {
            assertThat(value(server)).isEqualTo("0");
            redis.client().zadd(RedisKeys.queue("judge", "default"), 1, "a");
            redis.client().zadd(RedisKeys.queue("judge", "default"), 2, "b");
            redis.client().zadd(RedisKeys.queue("judge", "gpu"), 1, "c");
            assertThat(value(server)).isEqualTo("2");
            JsonNode all = metric(server, "judge", "namespace=judge", 200);
            assertThat(all.path("items")).hasSize(2);
            assertThat(all.path("items").get(1).path("metricLabels").path("pool").asText()).isEqualTo("gpu");

            JsonNode refused = metric(withoutRedis, "judge", HPA_SELECTOR, 503);
            assertThat(refused.path("message").asText()).contains("not leading");
        }
    }

    private String value(ExternalMetricsHttpServer server) throws Exception {
        return metric(server, "judge", HPA_SELECTOR, 200).path("items").get(0).path("value").asText();
    }

    /** The request of the HPA controller's external metrics client. */
    static JsonNode metric(ExternalMetricsHttpServer server, String namespace, String selector, int expected) throws Exception {
        return get(server, "/apis/external.metrics.k8s.io/v1beta1/namespaces/" + namespace + "/kubejudge_queue_depth"
                + (selector.isEmpty() ? "" : "?labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8)), expected);
    }

    static JsonNode get(ExternalMetricsHttpServer server, String path, int expected) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return JSON.readTree(response.body());
    }
}
