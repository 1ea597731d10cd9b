package io.kubejudge.testcluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SimpleJsonPathTest {

    private final JsonNode object;

    SimpleJsonPathTest() throws Exception {
        object = new ObjectMapper().readTree("{\"status\":{\"phase\":\"Running\",\"errors\":[\"e1\",\"e2\"],"
                + "\"conditions\":[{\"type\":\"A\",\"status\":\"False\"},{\"type\":\"Ready\",\"status\":\"True\"}]}}");
    }

    @Test
    void fieldsIndexesAndEqualityFilters() {
        assertThat(SimpleJsonPath.read(object, ".status.phase").asText()).isEqualTo("Running");
        assertThat(SimpleJsonPath.read(object, "{.status.errors[1]}").asText()).isEqualTo("e2");
        assertThat(SimpleJsonPath.read(object, ".status.conditions[?(@.type==\"Ready\")].status").asText()).isEqualTo("True");
        assertThat(SimpleJsonPath.read(object, ".status.missing.deeper").isMissingNode()).isTrue();
    }

    @Test
    void otherExpressionsAreRefusedByName() {
        assertThatThrownBy(() -> SimpleJsonPath.read(object, ".status.errors[*]"))
                .hasMessageContaining(".status.errors[*]");
    }
}
