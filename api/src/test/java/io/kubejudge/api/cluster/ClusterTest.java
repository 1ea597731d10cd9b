package io.kubejudge.api.cluster;

import static io.kubejudge.api.support.Fixtures.adminToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.result.Language;
import io.kubejudge.api.support.Archive;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeNodePoolStatus;
import io.kubejudge.model.v1alpha1.KubeJudge;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class ClusterTest {

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    private JudgeNodePool createPool(String name, int replicas, io.kubejudge.model.v1alpha1.Autoscaling auto, Language... languages) {
        return client.resources(JudgeNodePool.class).resource(Fixtures.pool(name, replicas, auto, languages)).create();
    }

    private static ValidatableResponse scale(String body) {
        return given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(body).post("/cluster/scale").then();
    }

    private static Map<String, Object> node(JsonPath status, String pool) {
        List<Map<String, Object>> nodes = status.getList("nodes");
        return nodes.stream().filter(n -> pool.equals(n.get("node_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + pool + " in " + nodes));
    }

    private void expectPodMetrics(int status, String body, boolean once) {
        String selector = URLEncoder.encode(KubeJudge.LABEL_POOL, StandardCharsets.UTF_8);
        var expectation = server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/" + client.getNamespace()
                + "/pods?labelSelector=" + selector).andReturn(status, body);
        if (once) {
            expectation.once();
        } else {
            expectation.always();
        }
    }

    private static JsonPath clusterStatus() {
        return given().auth().oauth2(adminToken()).get("/cluster/status").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void statusListsEachPoolAsANodeWithLoadSlotsUsageAndLiveQueue() {
        createPool("status-a", 4, null, Language.C, Language.CPP);
        createPool("status-b", 0, null);
        JudgeNodePool a = client.resources(JudgeNodePool.class).withName("status-a").get();
        JudgeNodePoolStatus st = new JudgeNodePoolStatus();
        st.setRunning(3);
        st.setQueued(1);
        st.setReplicas(4);
        st.setConditions(List.of(condition("Ready", "True"), condition("Saturated", "False")));
        a.setStatus(st);
        client.resources(JudgeNodePool.class).resource(a).updateStatus();
        // No metrics API first (404), then one that reports two pods of status-a.
        expectPodMetrics(404, "{\"kind\":\"Status\",\"code\":404}", true);
        expectPodMetrics(200, """
                {"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","items":[
                 {"metadata":{"name":"p1","labels":{"kubejudge.io/pool":"status-a"}},
                  "containers":[{"name":"check","usage":{"cpu":"500m","memory":"512Mi"}}]},
                 {"metadata":{"name":"p2","labels":{"kubejudge.io/pool":"status-a"}},
                  "containers":[{"name":"run","usage":{"cpu":"1500m","memory":"1Gi"}}]}]}""", false);
        Map<String, Object> withoutMetrics = node(clusterStatus(), "status-a");
        assertThat(withoutMetrics).containsEntry("cpu_usage", null).containsEntry("memory_usage", null);

        try (Jedis j = Archive.redis()) {
            String queue = RedisKeys.queue(client.getNamespace(), "status-a");
            j.zadd(queue, 1, "sub-q1");
            j.zadd(queue, 2, "sub-q2");
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath status = clusterStatus();
            Map<String, Object> nodeA = node(status, "status-a");
            assertThat(nodeA).as(status.prettify()).containsEntry("status", "online").containsEntry("current_load", 3)
                    .containsEntry("max_concurrent", 4).containsEntry("queued", 2)
                    .containsEntry("languages", List.of("c", "cpp"));
            // 2 cores used of 4 slots x 1 core; 1.5 GiB of 4 x 1 GiB
            assertThat(((Number) nodeA.get("cpu_usage")).doubleValue()).isEqualTo(0.5);
            assertThat(((Number) nodeA.get("memory_usage")).doubleValue()).isEqualTo(0.375);
            Map<String, Object> nodeB = node(status, "status-b");
            assertThat(nodeB).containsEntry("status", "offline").containsEntry("max_concurrent", 0);
            assertThat(((Number) nodeB.get("cpu_usage")).doubleValue()).isZero();
            List<Map<String, Object>> nodes = status.getList("nodes");
            assertThat(status.getInt("queue_stats.node_count")).isEqualTo(nodes.size());
            assertThat(status.getLong("queue_stats.queue_size"))
                    .isEqualTo(nodes.stream().mapToLong(n -> ((Number) n.get("queued")).longValue()).sum());
            assertThat(status.getLong("queue_stats.processing_count"))
                    .isEqualTo(nodes.stream().mapToLong(n -> ((Number) n.get("current_load")).longValue()).sum());
        });
    }

    @Test
    void aDegradedPoolSaysSo() {
        createPool("status-degraded", 2, null);
        JudgeNodePool p = client.resources(JudgeNodePool.class).withName("status-degraded").get();
        JudgeNodePoolStatus st = new JudgeNodePoolStatus();
        st.setConditions(List.of(condition("Ready", "True"), condition("Degraded", "True")));
        p.setStatus(st);
        client.resources(JudgeNodePool.class).resource(p).updateStatus();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(node(
                clusterStatus(), "status-degraded")).containsEntry("status", "degraded"));
    }

    @Test
    void scalingAPlainPoolChangesItsReplicas() {
        createPool("scale-plain", 2, null);
        scale("{\"action\":\"scale_up\",\"node_count\":3,\"node_type\":\"scale-plain\"}").statusCode(200)
                .body("previous_replicas", equalTo(2)).body("replicas", equalTo(5)).body("autoscaled", equalTo(false))
                .body("min_replicas", nullValue());
        scale("{\"action\":\"scale_down\",\"node_count\":1,\"node_type\":\"scale-plain\"}").statusCode(200)
                .body("replicas", equalTo(4));
        scale("{\"action\":\"set\",\"node_count\":0,\"node_type\":\"scale-plain\"}").statusCode(200)
                .body("replicas", equalTo(0));
        assertThat(client.resources(JudgeNodePool.class).withName("scale-plain").get().getSpec().getReplicas()).isZero();
        scale("{\"action\":\"scale_down\",\"node_count\":1,\"node_type\":\"scale-plain\"}").statusCode(422)
                .body("code", equalTo("out_of_bounds")).body("field", equalTo("node_count"));
    }

    @Test
    void scalingAnAutoscaledPoolMovesTheHpaMinimumWithinItsMaximum() {
        createPool("scale-auto", 2, Fixtures.autoscaling(1, 6));
        scale("{\"action\":\"scale_up\",\"node_count\":2,\"node_type\":\"scale-auto\"}").statusCode(200)
                .body("replicas", equalTo(4)).body("autoscaled", equalTo(true))
                .body("min_replicas", equalTo(4)).body("max_replicas", equalTo(6));
        JudgeNodePool p = client.resources(JudgeNodePool.class).withName("scale-auto").get();
        assertThat(p.getSpec().getReplicas()).isEqualTo(4);
        assertThat(p.getSpec().getAutoscaling().getMinReplicas()).isEqualTo(4);
        assertThat(p.getSpec().getAutoscaling().getMaxReplicas()).isEqualTo(6);

        scale("{\"action\":\"set\",\"node_count\":7,\"node_type\":\"scale-auto\"}").statusCode(422)
                .body("code", equalTo("out_of_bounds")).body("message", org.hamcrest.Matchers.containsString("autoscaling.maxReplicas=6"));
        scale("{\"action\":\"scale_down\",\"node_count\":3,\"node_type\":\"scale-auto\"}").statusCode(200)
                .body("replicas", equalTo(1)).body("min_replicas", equalTo(1));
    }

    @Test
    void invalidScaleRequestsNameTheirField() {
        scale("{\"action\":\"grow\",\"node_count\":1,\"node_type\":\"default\"}").statusCode(400).body("field", equalTo("action"));
        scale("{\"action\":\"set\",\"node_type\":\"default\"}").statusCode(400).body("field", equalTo("node_count"));
        scale("{\"action\":\"scale_up\",\"node_count\":0,\"node_type\":\"default\"}").statusCode(400).body("field", equalTo("node_count"));
        scale("{\"action\":\"set\",\"node_count\":10001,\"node_type\":\"default\"}").statusCode(400).body("field", equalTo("node_count"));
        scale("{\"action\":\"set\",\"node_count\":\"2\",\"node_type\":\"default\"}").statusCode(400).body("field", equalTo("node_count"));
        scale("{\"action\":\"set\",\"node_count\":1,\"node_type\":\"Not_A_Pool\"}").statusCode(400).body("field", equalTo("node_type"));
        scale("{\"action\":\"set\",\"node_count\":1,\"node_type\":\"missing-pool\"}").statusCode(404).body("field", equalTo("node_type"));
        scale("{\"action\":\"set\",\"node_count\":1,\"nodes\":2}").statusCode(400).body("code", equalTo("unknown_field"));
    }

    @Test
    void metricsSaysWhereThePrometheusEndpointAndTheDashboardAre() {
        given().auth().oauth2(Fixtures.token("3")).get("/cluster/metrics").then().statusCode(200)
                .body("prometheus_endpoint", equalTo("http://prometheus.test:9090/metrics"))
                .body("grafana_dashboard", equalTo("http://grafana.test:3000/d/kubejudge"));
    }

    private static Condition condition(String type, String status) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason("Test")
                .withLastTransitionTime("2026-01-01T00:00:00Z").build();
    }
}
