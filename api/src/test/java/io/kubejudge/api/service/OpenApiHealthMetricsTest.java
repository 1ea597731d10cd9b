package io.kubejudge.api.service;

import static io.kubejudge.api.support.Fixtures.PROBLEM_ANY;
import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.submitBody;
import static io.kubejudge.api.support.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.support.Api;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class OpenApiHealthMetricsTest {

    /** Every endpoint of issue 5 with its methods. */
    static final Map<String, String[]> ENDPOINTS = Map.of(
            "/api/v1/judge/submit", new String[] {"post"},
            "/api/v1/judge/submissions/{id}", new String[] {"get", "delete"},
            "/api/v1/judge/submissions/{id}/events", new String[] {"get"},
            "/api/v1/judge/rejudge", new String[] {"post"},
            "/cluster/status", new String[] {"get"},
            "/cluster/scale", new String[] {"post"},
            "/cluster/metrics", new String[] {"get"});

    @Inject
    KubernetesClient client;

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    @Test
    void theServedOpenApiDocumentListsEveryEndpoint() throws Exception {
        String body = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertListsEveryEndpoint(new ObjectMapper().readTree(body));
    }

    @Test
    void theBuildStoresTheOpenApiDocument() throws Exception {
        Path stored = Path.of("target", "openapi", "openapi.json");
        assertThat(stored).exists();
        assertListsEveryEndpoint(new ObjectMapper().readTree(Files.readString(stored)));
    }

    /** The submit schema's language ids come from the shared enum (LanguageSchemaFilter), not from a hand list. */
    @Test
    void theSubmitSchemaListsEveryLanguage() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(Files.readString(Path.of("target", "openapi", "openapi.json")));
        JsonNode language = doc.at("/components/schemas/SubmitRequest/properties/language/enum");
        assertThat(language.isArray()).as(doc.at("/components/schemas/SubmitRequest").toString()).isTrue();
        java.util.List<String> ids = new java.util.ArrayList<>();
        language.forEach(n -> ids.add(n.asText()));
        assertThat(ids).containsExactlyElementsOf(
                java.util.Arrays.stream(io.kubejudge.model.result.Language.values()).map(io.kubejudge.model.result.Language::id).toList());
    }

    private static void assertListsEveryEndpoint(JsonNode doc) {
        JsonNode paths = doc.get("paths");
        ENDPOINTS.forEach((path, methods) -> {
            assertThat(paths.has(path)).as("OpenAPI lists %s", path).isTrue();
            for (String m : methods) {
                assertThat(paths.get(path).has(m)).as("OpenAPI lists %s %s", m.toUpperCase(), path).isTrue();
            }
        });
        JsonNode submit = doc.at("/components/schemas/SubmitRequest/properties");
        assertThat(submit.has("submission_id")).isTrue();
        assertThat(submit.has("code")).isTrue();
    }

    @Test
    void readinessChecksRedisAndTheKubernetesApi() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'kubernetes' }.status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsCountSubmissions() {
        long user = nextId();
        Api.submit(token(Long.toString(user)), submitBody(nextId(), PROBLEM_ANY, user, "java", "class Main {}")).statusCode(202);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("kubejudge_api_submissions_total{language=\"java\",outcome=\"created\"}"))
                .body(containsString("kubejudge_api_event_streams"));
    }
}
