package io.kubejudge.api.submission;

import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.result.CompileResult;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.api.support.Api;
import io.kubejudge.api.support.Archive;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class ReadTest {

    @Inject
    KubernetesClient client;

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    @Test
    void aLiveSubmissionShowsItsStatusTestsAndCompileMessage() {
        long user = nextId();
        long id = Api.submitted(user, "cpp", "int main(){}");
        Fixtures.setStatus(client, id, st -> {
            st.setPhase(JudgeSubmissionStatus.Phase.COMPLETED);
            st.setVerdict(Verdict.WRONG_ANSWER);
            st.setScore(1.0);
            st.setMaxScore(2.0);
            st.setTimeMs(15L);
            st.setMemoryKiB(2048L);
            st.setCompile(new CompileResult(true, "warning: unused", 800L));
            st.setTests(List.of(new TestResult("t1", Verdict.ACCEPTED, 10L, 2000L, 0, null, 1.0, null),
                    new TestResult("t2", Verdict.WRONG_ANSWER, 15L, 2048L, 0, null, 0.0, "expected 3, got 4")));
            st.setAttempts(1);
            st.setCompletedAt("2026-01-01T00:00:00Z");
        });

        Api.get(token(Long.toString(user)), id).statusCode(200)
                .body("submission_id", equalTo((int) id))
                .body("problem_id", equalTo(1))
                .body("problem", equalTo("problem-1"))
                .body("user_id", equalTo(Long.toString(user)))
                .body("language", equalTo("cpp"))
                .body("phase", equalTo("Completed"))
                .body("final", equalTo(true))
                .body("verdict", equalTo("WrongAnswer"))
                .body("score", equalTo(1.0f))
                .body("max_score", equalTo(2.0f))
                .body("time_ms", equalTo(15))
                .body("memory_kib", equalTo(2048))
                .body("compile.success", equalTo(true))
                .body("compile.message", equalTo("warning: unused"))
                .body("tests", hasSize(2))
                .body("tests[1].name", equalTo("t2"))
                .body("tests[1].verdict", equalTo("WrongAnswer"))
                .body("tests[1].message", equalTo("expected 3, got 4"))
                .body("queue_position", nullValue())
                .body("completed_at", equalTo("2026-01-01T00:00:00Z"))
                .body("source", equalTo("live"));
    }

    @Test
    void aQueuedSubmissionShowsItsLiveQueuePositionFromRedis() {
        long user = nextId();
        long id = Api.submitted(user, "cpp", "int main(){}");
        Fixtures.setStatus(client, id, st -> {
            st.setPhase(JudgeSubmissionStatus.Phase.QUEUED);
            st.setQueuePosition(9);
        });
        Api.get(token(Long.toString(user)), id).statusCode(200)
                .body("phase", equalTo("Queued")).body("queue_position", equalTo(9));

        String queue = RedisKeys.queue(client.getNamespace(), "default");
        try (Jedis j = Archive.redis()) {
            j.zadd(queue, 1, "sub-ahead-1");
            j.zadd(queue, 2, "sub-ahead-2");
            j.zadd(queue, 3, Fixtures.nameOf(id));
            Api.get(token(Long.toString(user)), id).statusCode(200).body("queue_position", equalTo(3));
            j.zrem(queue, "sub-ahead-1");
            Api.get(token(Long.toString(user)), id).statusCode(200).body("queue_position", equalTo(2));
            j.del(queue);
        }
    }

    @Test
    void anArchivedSubmissionIsServedFromRedisOnceItsResourceIsGone() {
        long user = nextId();
        long id = Api.submitted(user, "cpp", "int main(){}");
        Archive.archiveAndDelete(client, id, "Completed", "Accepted");

        Api.get(token(Long.toString(user)), id).statusCode(200)
                .body("source", equalTo("archive"))
                .body("phase", equalTo("Completed"))
                .body("final", equalTo(true))
                .body("verdict", equalTo("Accepted"))
                .body("score", equalTo(100.0f))
                .body("language", equalTo("cpp"));
        Api.get(token(Long.toString(user + 1)), id, user).statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void anArchivedSubmissionWhoseResourceLingersIsServedFromTheArchive() {
        // The operator archives, then deletes: in between (or when the delete failed) both exist with
        // the same result, and the read costs one Redis GET instead of a request to the API server.
        long user = nextId();
        long id = Api.submitted(user, "cpp", "int main(){}");
        JudgeSubmission s = Fixtures.submission(client, id);
        JudgeSubmissionStatus st = new JudgeSubmissionStatus();
        st.setPhase(JudgeSubmissionStatus.Phase.COMPLETED);
        st.setVerdict(Verdict.WRONG_ANSWER);
        s.setStatus(st);
        Archive.archive(client, s);
        assertThat(Fixtures.submission(client, id)).as("the resource is still there").isNotNull();

        Api.get(token(Long.toString(user)), id).statusCode(200)
                .body("source", equalTo("archive"))
                .body("verdict", equalTo("WrongAnswer"));
    }

    @Test
    void aSubmissionThatIsNowhereIs404() {
        Api.get(Fixtures.adminToken(), 987_654_321L, 5).statusCode(404)
                .body("code", equalTo("not_found")).body("field", equalTo("id"))
                .body("message", equalTo("submission 987654321 of user 5 does not exist"));
    }

    @Test
    void aMalformedIdIs400() {
        Api.get(Fixtures.adminToken(), "abc", 5).statusCode(400).body("field", equalTo("id"));
        Api.get(Fixtures.adminToken(), 0, 5).statusCode(400).body("field", equalTo("id"));
        given().auth().oauth2(token("5")).queryParam("user_id", "x1").get("/api/v1/judge/submissions/1").then()
                .statusCode(400).body("field", equalTo("user_id")).body("message", containsString("integer >= 1"));
        // An admin token whose user is not a number must say whose submission it means.
        Api.get(Fixtures.adminToken(), 1).statusCode(400).body("field", equalTo("user_id"));
    }

    @Test
    void aSubmitterReadsOnlyItsOwnSubmissionsAndAnAdminReadsAll() {
        long user = nextId();
        long id = Api.submitted(user, "cpp", "int main(){}");
        // Without user_id the other user's id means a submission of its own: there is none.
        Api.get(token(Long.toString(user + 1)), id).statusCode(404);
        Api.get(token(Long.toString(user + 1)), id, user).statusCode(404);
        Api.get(Fixtures.adminToken(), id, user).statusCode(200).body("submission_id", equalTo((int) id))
                .body("user_id", equalTo(Long.toString(user)));
    }

    @Test
    void notYoursAndDoesNotExistAnswerTheSame() {
        long owner = nextId();
        long prober = nextId();
        long id = nextId();
        String probe = token(Long.toString(prober));
        Response before = given().auth().oauth2(probe).queryParam("user_id", owner).get("/api/v1/judge/submissions/" + id);
        Api.submit(token(Long.toString(owner)), Fixtures.submitBody(id, Fixtures.PROBLEM_ANY, owner, "c", "int main(){}"))
                .statusCode(202);
        Api.get(token(Long.toString(owner)), id).statusCode(200);
        Response after = given().auth().oauth2(probe).queryParam("user_id", owner).get("/api/v1/judge/submissions/" + id);

        assertThat(after.statusCode()).isEqualTo(before.statusCode()).isEqualTo(404);
        assertThat(after.asString()).isEqualTo(before.asString());
        assertThat(after.getHeader("Content-Type")).isEqualTo(before.getHeader("Content-Type"));
        // The same through cancel and the event stream.
        Api.cancel(probe, id, owner).statusCode(404).body(equalTo(before.asString()));
        given().auth().oauth2(probe).queryParam("user_id", owner).get("/api/v1/judge/submissions/" + id + "/events")
                .then().statusCode(404).body(equalTo(before.asString()));
    }
}
