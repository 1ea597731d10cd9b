package io.kubejudge.testcluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSideTablesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServerSideTables tables =
            new ServerSideTables(Clock.fixed(Instant.parse("2026-01-01T01:00:00Z"), ZoneOffset.UTC));

    @Test
    void customResourcesGetTheirPrinterColumnsWithDatesAsAges() throws Exception {
        JsonNode crd = JSON.readTree("""
                {"spec":{"group":"g.io","scope":"Namespaced","names":{"plural":"things","singular":"thing","kind":"Thing"},
                 "versions":[{"name":"v1","served":true,"additionalPrinterColumns":[
                   {"name":"Phase","type":"string","jsonPath":".status.phase"},
                   {"name":"Count","type":"integer","jsonPath":".status.count"},
                   {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}]}]}}""");
        ResourceType type = Discovery.fromCrd(crd).get(0);
        JsonNode list = JSON.readTree("""
                {"metadata":{"resourceVersion":"7"},"items":[
                 {"metadata":{"name":"a","creationTimestamp":"2026-01-01T00:55:00Z"},"status":{"phase":"Done","count":3}},
                 {"metadata":{"name":"b","creationTimestamp":"2026-01-01T00:59:30Z"}}]}""");
        JsonNode table = tables.table(type, list);
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("7");
        assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Phase", "Count", "Age");
        assertThat(table.path("rows").get(0).path("cells").toString()).isEqualTo("[\"a\",\"Done\",3,\"5m\"]");
        assertThat(table.path("rows").get(1).path("cells").toString()).isEqualTo("[\"b\",null,null,\"30s\"]");
        assertThat(table.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    }

    @Test
    void builtInsGetNameAndAge() throws Exception {
        ResourceType pods = BuiltInResources.ALL.stream().filter(r -> r.plural().equals("pods")).findFirst().orElseThrow();
        JsonNode table = tables.table(pods, JSON.readTree("{\"metadata\":{\"name\":\"p\",\"creationTimestamp\":\"2025-12-31T01:00:00Z\"}}"));
        assertThat(table.path("rows").get(0).path("cells").toString()).isEqualTo("[\"p\",\"24h\"]");
    }

    @Test
    void agesReadLikeKubectls() {
        assertThat(List.of(Duration.ofSeconds(5), Duration.ofSeconds(150), Duration.ofMinutes(45), Duration.ofMinutes(200),
                Duration.ofHours(30), Duration.ofHours(75), Duration.ofDays(400)).stream().map(ServerSideTables::humanDuration))
                .containsExactly("5s", "2m30s", "45m", "3h20m", "30h", "3d3h", "400d");
    }
}
