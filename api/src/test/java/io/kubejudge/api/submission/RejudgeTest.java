package io.kubejudge.api.submission;

import static io.kubejudge.api.support.Fixtures.adminToken;
import static io.kubejudge.api.support.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.api.support.Api;
import io.kubejudge.api.support.Archive;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.model.v1alpha1.KubeJudge;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class RejudgeTest {

    @Inject
    KubernetesClient client;

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    /** The request body that rejudges one submission: its id and its user's. */
    private static String one(long id) {
        return "{\"submission_id\": " + id + ", \"user_id\": " + Fixtures.userOf(id) + "}";
    }

    private long finished(long user) {
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        Fixtures.setStatus(client, id, st -> st.setPhase(JudgeSubmissionStatus.Phase.COMPLETED));
        return id;
    }

    @Test
    void rejudgingOneSubmissionIncreasesRejudgeWithLowPriorityAndDropsItsArchive() {
        long id = finished(nextId());
        String archiveKey = RedisKeys.archive(client.getNamespace(), Fixtures.nameOf(id));
        try (Jedis j = Archive.redis()) {
            j.set(archiveKey, "{}");
        }
        Api.rejudge(adminToken(), one(id)).statusCode(202)
                .body("rejudged.submission_id", containsInAnyOrder((int) id))
                .body("rejudged.user_id", containsInAnyOrder(Long.toString(Fixtures.userOf(id)))).body("count", equalTo(1));

        JudgeSubmission s = Fixtures.submission(client, id);
        assertThat(s.getSpec().getRejudge()).isEqualTo(1);
        assertThat(s.getSpec().getPriority()).isEqualTo(JudgeSubmissionSpec.Priority.LOW);
        try (Jedis j = Archive.redis()) {
            assertThat(j.exists(archiveKey)).as("a stale archive must not shadow the new result").isFalse();
        }
        Fixtures.setStatus(client, id, st -> st.setPhase(JudgeSubmissionStatus.Phase.COMPLETED));
        Api.rejudge(adminToken(), one(id)).statusCode(202);
        assertThat(Fixtures.submission(client, id).getSpec().getRejudge()).isEqualTo(2);
    }

    @Test
    void aSubmissionStillBeingJudgedIsNotRejudged() {
        long id = nextId();
        Fixtures.createSubmission(client, id, nextId(), "default");
        Fixtures.setStatus(client, id, st -> st.setPhase(JudgeSubmissionStatus.Phase.RUNNING));
        Api.rejudge(adminToken(), one(id)).statusCode(409)
                .body("code", equalTo("not_final")).body("field", equalTo("submission_id"));
        assertThat(Fixtures.submission(client, id).getSpec().getRejudge()).isZero();
    }

    @Test
    void anArchivedSubmissionIsRecreatedFromItsArchive() {
        long user = nextId();
        long id = finished(user);
        Archive.archiveAndDelete(client, id, "Completed", "WrongAnswer");
        assertThat(Fixtures.submission(client, id)).isNull();

        Api.rejudge(adminToken(), one(id)).statusCode(202).body("count", equalTo(1));
        JudgeSubmission s = Fixtures.submission(client, id);
        assertThat(s).isNotNull();
        assertThat(s.getSpec().getRejudge()).isEqualTo(1);
        assertThat(s.getSpec().getSource()).isEqualTo("int main(){}");
        assertThat(s.getSpec().getUserId()).isEqualTo(Long.toString(user));
        assertThat(s.getStatus()).isNull();
        assertThat(s.getMetadata().getLabels()).containsEntry(KubeJudge.LABEL_SUBMISSION_ID, Long.toString(id));
        Api.get(adminToken(), id, user).statusCode(200).body("source", equalTo("live")).body("phase", equalTo("Pending"));
    }

    @Test
    void rejudgingAProblemRejudgesItsFinishedSubmissionsAndSkipsTheOthers() {
        client.resources(JudgeProblem.class).resource(Fixtures.problem("problem-50")).create();
        long a = nextId();
        long b = nextId();
        long running = nextId();
        for (long id : new long[] {a, b, running}) {
            Fixtures.createSubmission(client, id, nextId(), "default");
            JudgeSubmission s = Fixtures.submission(client, id);
            s.getMetadata().getLabels().put(KubeJudge.LABEL_PROBLEM, "problem-50");
            client.resource(s).update();
        }
        Fixtures.setStatus(client, a, st -> st.setPhase(JudgeSubmissionStatus.Phase.COMPLETED));
        Fixtures.setStatus(client, b, st -> st.setPhase(JudgeSubmissionStatus.Phase.FAILED));
        Fixtures.setStatus(client, running, st -> st.setPhase(JudgeSubmissionStatus.Phase.RUNNING));

        Api.rejudge(adminToken(), "{\"problem_id\": 50}").statusCode(202)
                .body("rejudged.submission_id", containsInAnyOrder((int) a, (int) b))
                .body("skipped.submission_id", containsInAnyOrder((int) running))
                .body("count", equalTo(2));
        assertThat(Fixtures.submission(client, a).getSpec().getRejudge()).isEqualTo(1);
        assertThat(Fixtures.submission(client, b).getSpec().getRejudge()).isEqualTo(1);
        assertThat(Fixtures.submission(client, running).getSpec().getRejudge()).isZero();
    }

    @Test
    void exactlyOneTargetIsRequired() {
        Api.rejudge(adminToken(), "{}").statusCode(400).body("field", equalTo("submission_id"));
        Api.rejudge(adminToken(), "{\"submission_id\": 1, \"problem_id\": 1}").statusCode(400).body("field", equalTo("problem_id"));
        Api.rejudge(adminToken(), "{\"submission_id\": 0, \"user_id\": 5}").statusCode(400).body("field", equalTo("submission_id"));
        Api.rejudge(adminToken(), "{\"submission_id\": 5}").statusCode(400).body("field", equalTo("user_id"))
                .body("message", equalTo("user_id is required with submission_id (ids are scoped per user)"));
        Api.rejudge(adminToken(), "{\"submission\": 1}").statusCode(400).body("code", equalTo("unknown_field"));
        Api.rejudge(adminToken(), "{\"submission_id\": 765432109, \"user_id\": 5}").statusCode(404);
    }
}
