package io.kubejudge.testcluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpWatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpWatch watch = new HttpWatch(new ReadOnlyStore(json(
            "{\"items\":[{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"5\"}},"
                    + "{\"metadata\":{\"name\":\"b\",\"resourceVersion\":\"9\"}}]}")));

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

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
