package io.kubejudge.api.submission;

import static io.kubejudge.api.support.Fixtures.PROBLEM_ANY;
import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.submitBody;
import static io.kubejudge.api.support.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.api.support.Api;
import io.kubejudge.api.support.Archive;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The test profile allows 5 submissions per user in a sliding 10 s window (long enough that six submits fit in it on a loaded machine). */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class RateLimitTest {

    @Inject
    KubernetesClient client;

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    @Test
    void theSixthSubmissionInTheWindowIs429WithRetryAfterAndTheWindowSlides() {
        long user = nextId();
        String token = token(Long.toString(user));
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = submitBody(nextId(), PROBLEM_ANY, user, "c", "int main(){}");
            bodies.add(body);
            Api.submit(token, body).statusCode(202);
        }
        String retryAfter = Api.submit(token, submitBody(nextId(), PROBLEM_ANY, user, "c", "int main(){}"))
                .statusCode(429)
                .body("code", equalTo("rate_limited"))
                .body("field", equalTo("user_id"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 10);

        // A retry of a submission that exists is an answer, not a new attempt.
        Api.submit(token, bodies.get(0)).statusCode(200);
        // Other users have their own window.
        long other = nextId();
        Api.submit(token(Long.toString(other)), submitBody(nextId(), PROBLEM_ANY, other, "c", "int main(){}")).statusCode(202);

        try (Jedis j = Archive.redis()) {
            String key = RedisKeys.rateLimit(client.getNamespace(), Long.toString(user));
            assertThat(j.zcard(key)).isEqualTo(5);
            assertThat(j.pttl(key)).isBetween(1L, 10_000L);
        }

        Map<String, Object> later = submitBody(nextId(), PROBLEM_ANY, user, "c", "int main(){}");
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                Api.submit(token, later).statusCode(202));
    }

    @Test
    void aRetryOfAnArchivedSubmissionIsAnsweredAndDoesNotCount() {
        long user = nextId();
        String token = token(Long.toString(user));
        long id = nextId();
        Map<String, Object> body = submitBody(id, PROBLEM_ANY, user, "c", "int main(){}");
        Api.submit(token, body).statusCode(202);
        Archive.archiveAndDelete(client, id, "Completed", "Accepted");
        // The archive lookup and the attempt share a round trip; the attempt is given back.
        for (int i = 0; i < 5; i++) {
            Api.submit(token, body).statusCode(200).body("source", equalTo("archive"));
        }
        try (Jedis j = Archive.redis()) {
            assertThat(j.zcard(RedisKeys.rateLimit(client.getNamespace(), Long.toString(user)))).isEqualTo(1);
        }
        for (int i = 0; i < 4; i++) {
            Api.submit(token, submitBody(nextId(), PROBLEM_ANY, user, "c", "int main(){}")).statusCode(202);
        }
        // At the limit, the archived submission is still answered rather than refused.
        Api.submit(token, body).statusCode(200).body("source", equalTo("archive"));
    }
}
