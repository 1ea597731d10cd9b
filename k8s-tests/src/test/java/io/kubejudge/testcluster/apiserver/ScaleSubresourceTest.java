package io.kubejudge.testcluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScaleSubresourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/apis/g.io/v1/namespaces/ns/pools/p";
    private final Map<String, JsonNode> objects = new HashMap<>();
    private final ScaleSubresource scale = new ScaleSubresource(new StoredObjects() {
        @Override
        public Optional<JsonNode> get(String path) {
            return Optional.ofNullable(objects.get(path));
        }

        @Override
        public Response post(String collectionPath, JsonNode object) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response put(String path, JsonNode object) {
            objects.put(path, object);
            return new Response(200, object);
        }
    });
    private final ResourceType pools = new ResourceType("g.io", "v1", "pools", "pool", "Pool", true, List.of(), List.of(),
            List.of("status", "scale"), new ResourceType.ScalePaths(".spec.replicas", ".status.replicas", ".status.labelSelector"),
            List.of());

    ScaleSubresourceTest() throws Exception {
        objects.put(PATH, JSON.readTree("{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\",\"resourceVersion\":\"4\"},"
                + "\"spec\":{\"replicas\":4,\"image\":\"i\"},\"status\":{\"replicas\":2,\"labelSelector\":\"a=b\"}}"));
    }

    @Test
    void getShowsTheObjectAsAScale() {
        JsonNode s = scale.handle("GET", PATH, pools, null, null).body();
        assertThat(s.toString()).contains("\"kind\":\"Scale\"", "\"apiVersion\":\"autoscaling/v1\"", "\"resourceVersion\":\"4\"")
                .contains("\"spec\":{\"replicas\":4}", "\"status\":{\"replicas\":2,\"selector\":\"a=b\"}");
    }

    @Test
    void patchesAndPutsChangeOnlyTheSpecReplicas() {
        assertThat(scale.handle("PATCH", PATH, pools, "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}").code()).isEqualTo(200);
        assertThat(objects.get(PATH).path("spec").toString()).isEqualTo("{\"replicas\":3,\"image\":\"i\"}");
        scale.handle("PATCH", PATH, pools, "application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]");
        assertThat(objects.get(PATH).path("spec").path("replicas").asInt()).isEqualTo(5);
        scale.handle("PUT", PATH, pools, "application/json", "{\"kind\":\"Scale\",\"spec\":{\"replicas\":1}}");
        assertThat(objects.get(PATH).path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(objects.get(PATH).path("kind").isMissingNode()).as("the Scale is not stored as the object").isTrue();
    }

    @Test
    void staleVersionsNegativeReplicasAndMissingObjectsAreRefused() {
        assertThat(scale.handle("PUT", PATH, pools, "application/json",
                "{\"metadata\":{\"resourceVersion\":\"3\"},\"spec\":{\"replicas\":1}}").code()).isEqualTo(409);
        StoredObjects.Response negative = scale.handle("PATCH", PATH, pools, "application/merge-patch+json", "{\"spec\":{\"replicas\":-1}}");
        assertThat(negative.code()).isEqualTo(422);
        assertThat(negative.body().path("message").asText()).contains("spec.replicas");
        assertThat(scale.handle("GET", PATH + "x", pools, null, null).code()).isEqualTo(404);
    }

    @Test
    void appsSelectorsPrintAsStrings() throws Exception {
        assertThat(ScaleSubresource.labelSelectorString(JSON.readTree("{\"matchLabels\":{\"app\":\"web\"},"
                + "\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"In\",\"values\":[\"a\",\"b\"]}]}")))
                .isEqualTo("app=web,tier in (a,b)");
    }
}
