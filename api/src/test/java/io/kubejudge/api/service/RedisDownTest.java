package io.kubejudge.api.service;

import static io.kubejudge.api.support.Fixtures.PROBLEM_ANY;
import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.submitBody;
import static io.kubejudge.api.support.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.support.Api;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.testsupport.SseStream;
import io.kubejudge.testsupport.RedisServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redis is down: submitting and reading live submissions go on; readiness says what is wrong. */
@QuarkusTest
@TestProfile(RedisDownTest.NoRedis.class)
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
class RedisDownTest {

    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A port nobody listens on: every Redis call is refused at once.
            return Map.of("kubejudge.redis.host", "127.0.0.1",
                    "kubejudge.redis.port", Integer.toString(RedisServer.freePort()),
                    "kubejudge.redis.timeout", "500ms");
        }
    }

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    @Test
    void submissionsAreAcceptedAndReadWithoutRedis() {
        long user = nextId();
        long id = nextId();
        Api.submit(token(Long.toString(user)), submitBody(id, PROBLEM_ANY, user, "c", "int main(){}")).statusCode(202);
        Api.get(token(Long.toString(user)), id).statusCode(200).body("source", equalTo("live")).body("phase", equalTo("Pending"));
        Api.submit(token(Long.toString(user)), submitBody(id, PROBLEM_ANY, user, "c", "int main(){}")).statusCode(200);
    }

    @Test
    void aRejudgeThatCannotRemoveTheArchiveEntryChangesNothing() {
        // Reads take the archive first, so the entry must go before the resource changes: without
        // Redis the rejudge is refused and the submission keeps its result.
        long user = nextId();
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        Fixtures.setStatus(client, id, st -> st.setPhase(JudgeSubmissionStatus.Phase.COMPLETED));
        Api.rejudge(Fixtures.adminToken(), "{\"submission_id\": " + id + ", \"user_id\": " + user + "}")
                .statusCode(503).body("code", equalTo("redis_unavailable"));
        assertThat(Fixtures.submission(client, id).getSpec().getRejudge()).as("spec.rejudge").isIn(null, 0);
    }

    @Test
    void aStreamStillStartsWithTheStateWhenItCannotSubscribe() throws Exception {
        long user = nextId();
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        String url = base.toString().replaceAll("/$", "");
        SseStream stream = SseStream.open(URI.create(url + "/api/v1/judge/submissions/" + id + "/events"), token(Long.toString(user)));
        SseStream.Event state = stream.next(Duration.ofSeconds(15));
        assertThat(state.name()).isEqualTo("state");
        stream.close();
    }

    @Test
    void readinessReportsRedisDown() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'redis' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kubernetes' }.status", equalTo("UP"));
    }

    @Test
    void clusterStatusFallsBackToThePoolsCounts() {
        given().auth().oauth2(Fixtures.adminToken()).get("/cluster/status").then().statusCode(200)
                .body("queue_stats.node_count", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
    }
}
