package io.kubejudge.testcluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpWatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpWatch watch = new HttpWatch(new StoredObjects() {
        @Override
        public Optional<JsonNode> get(String path) {
            try {
                return Optional.of(JSON.readTree("{\"items\":[{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"5\"}},"
                        + "{\"metadata\":{\"name\":\"b\",\"resourceVersion\":\"9\"}}]}"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public Response post(String collectionPath, JsonNode object) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response put(String path, JsonNode object) {
            throw new UnsupportedOperationException();
        }
    });

    @Test
    void reportsWhatChangedSinceTheVersionForTheSelectedName() {
        assertThat(watch.events("/x", Map.of("resourceVersion", "6"))).isEqualTo(
                "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"name\":\"b\",\"resourceVersion\":\"9\"}}}\n");
        assertThat(watch.events("/x", Map.of("resourceVersion", "9"))).isEmpty();
        assertThat(watch.events("/x", Map.of("fieldSelector", "metadata.name=a"))).startsWith("{\"type\":\"ADDED\"")
                .contains("\"name\":\"a\"").doesNotContain("\"name\":\"b\"");
        assertThat(HttpWatch.selectedName("metadata.namespace=ns,metadata.name==x")).isEqualTo("x");
    }
}
