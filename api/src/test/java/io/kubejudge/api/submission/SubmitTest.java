package io.kubejudge.api.submission;

import static io.kubejudge.api.support.Fixtures.PROBLEM_ANY;
import static io.kubejudge.api.support.Fixtures.PROBLEM_C_ONLY;
import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.submitBody;
import static io.kubejudge.api.support.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.auth.Roles;
import io.kubejudge.api.auth.MintToken;
import io.kubejudge.model.result.Language;
import io.kubejudge.api.support.Api;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.model.v1alpha1.KubeJudge;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class SubmitTest {

    @Inject
    KubernetesClient client;

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    private static ValidatableResponse submit(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/judge/submit").then();
    }

    @Test
    void createsTheSubmissionResourceAndAnswers202WithItsUrl() {
        long id = nextId();
        long user = nextId();
        submit(token(Long.toString(user)), submitBody(id, PROBLEM_ANY, user, "cpp", "int main(){}"))
                .statusCode(202)
                .header("Location", endsWith("/api/v1/judge/submissions/" + id + "?user_id=" + user))
                .body("submission_id", equalTo((int) id))
                .body("name", equalTo(Fixtures.nameOf(id)))
                .body("phase", equalTo("Pending"))
                .body("final", equalTo(false))
                .body("url", equalTo("/api/v1/judge/submissions/" + id + "?user_id=" + user))
                .body("events_url", equalTo("/api/v1/judge/submissions/" + id + "/events?user_id=" + user));

        JudgeSubmission s = Fixtures.submission(client, id);
        assertThat(s).isNotNull();
        assertThat(s.getSpec().getProblem()).isEqualTo("problem-1");
        assertThat(s.getSpec().getLanguage()).isEqualTo(Language.CPP);
        assertThat(s.getSpec().getSource()).isEqualTo("int main(){}");
        assertThat(s.getSpec().getPool()).isEqualTo("default");
        assertThat(s.getSpec().getPriority()).isEqualTo(JudgeSubmissionSpec.Priority.NORMAL);
        assertThat(s.getSpec().getUserId()).isEqualTo(Long.toString(user));
        assertThat(s.getSpec().getSubmissionId()).isEqualTo(Long.toString(id));
        assertThat(s.getMetadata().getLabels())
                .containsEntry(KubeJudge.LABEL_SUBMISSION_ID, Long.toString(id))
                .containsEntry(KubeJudge.LABEL_USER_ID, Long.toString(user))
                .containsEntry(KubeJudge.LABEL_PROBLEM, "problem-1")
                .containsEntry(KubeJudge.LABEL_POOL, "default");
        assertThat(s.getMetadata().getLabels()).containsEntry(SubmissionNames.LABEL_PROBLEM_ID, "1");
    }

    @Test
    void theSameBodyAgainAnswers200WithTheExistingSubmission() {
        long id = nextId();
        long user = nextId();
        Map<String, Object> body = submitBody(id, PROBLEM_ANY, user, "python", "print(1)");
        submit(token(Long.toString(user)), body).statusCode(202);
        String firstUid = Fixtures.submission(client, id).getMetadata().getUid();

        submit(token(Long.toString(user)), body).statusCode(200)
                .body("submission_id", equalTo((int) id))
                .body("language", equalTo("python"))
                .body("source", equalTo("live"));
        assertThat(Fixtures.submission(client, id).getMetadata().getUid()).isEqualTo(firstUid);
    }

    @Test
    void aDifferentBodyForTheSameSubmissionIdIsAConflictNamingTheField() {
        long id = nextId();
        long user = nextId();
        submit(token(Long.toString(user)), submitBody(id, PROBLEM_ANY, user, "python", "print(1)")).statusCode(202);

        submit(token(Long.toString(user)), submitBody(id, PROBLEM_ANY, user, "python", "print(2)"))
                .statusCode(409).body("code", equalTo("conflict")).body("field", equalTo("code"));
        submit(token(Long.toString(user)), submitBody(id, PROBLEM_ANY, user, "c", "print(1)"))
                .statusCode(409).body("field", equalTo("language"));
        assertThat(Fixtures.submission(client, id).getSpec().getSource()).isEqualTo("print(1)");
    }

    private static String contestant(long user, Long... contests) {
        try {
            return MintToken.mint(MintToken.Options.of(Long.toString(user), Roles.SUBMITTER).inContests(contests));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aContestIdOfTheTokensContestsGivesContestPriority() {
        long user = nextId();
        long id = nextId();
        Map<String, Object> body = submitBody(id, PROBLEM_ANY, user, "c", "int main(){}");
        body.put("contest_id", 77);
        submit(contestant(user, 76L, 77L), body).statusCode(202).body("contest_id", equalTo(77))
                .body("priority", equalTo("contest"));
        assertThat(Fixtures.submission(client, id).getSpec().getPriority()).isEqualTo(JudgeSubmissionSpec.Priority.CONTEST);
        assertThat(Fixtures.submission(client, id).getMetadata().getLabels())
                .containsEntry(SubmissionNames.LABEL_CONTEST_ID, "77");
    }

    @Test
    void aContestIdTheTokenDoesNotListIsRefusedNamingTheField() {
        long user = nextId();
        for (String token : List.of(token(Long.toString(user)), contestant(user, 78L))) {
            long id = nextId();
            Map<String, Object> body = submitBody(id, PROBLEM_ANY, user, "c", "int main(){}");
            body.put("contest_id", 77);
            submit(token, body).statusCode(403).body("code", equalTo("forbidden")).body("field", equalTo("contest_id"))
                    .body("message", containsString("contest_id 77 is not among the token's contests (claim 'contests')"));
            assertThat(Fixtures.submission(client, id)).as("nothing created").isNull();
        }
    }

    @Test
    void aContestTokenWithoutAContestIdGetsNoPriority() {
        long user = nextId();
        long id = nextId();
        submit(contestant(user, 77L), submitBody(id, PROBLEM_ANY, user, "c", "int main(){}")).statusCode(202)
                .body("priority", equalTo("normal"));
        assertThat(Fixtures.submission(client, id).getSpec().getPriority()).isEqualTo(JudgeSubmissionSpec.Priority.NORMAL);
    }

    @Test
    void anAdminMaySubmitToAnyContest() {
        long user = nextId();
        long id = nextId();
        Map<String, Object> body = submitBody(id, PROBLEM_ANY, user, "c", "int main(){}");
        body.put("contest_id", 91);
        submit(Fixtures.adminToken(), body).statusCode(202).body("priority", equalTo("contest"));
    }

    @Test
    void submissionIdsAreScopedPerUserSoNobodyCanSquatAnother() {
        long squatter = nextId();
        long victim = nextId();
        long id = nextId();
        submit(token(Long.toString(squatter)), submitBody(id, PROBLEM_ANY, squatter, "c", "int main(){return 1;}"))
                .statusCode(202).body("name", equalTo("sub-" + squatter + "-" + id));
        // The victim's submission with the same id is its own, created, not a 409 and not the squatter's.
        submit(token(Long.toString(victim)), submitBody(id, PROBLEM_ANY, victim, "c", "int main(){return 0;}"))
                .statusCode(202).body("name", equalTo("sub-" + victim + "-" + id)).body("user_id", equalTo(Long.toString(victim)))
                .header("Location", endsWith("/api/v1/judge/submissions/" + id + "?user_id=" + victim));
        Api.get(token(Long.toString(victim)), id).statusCode(200).body("user_id", equalTo(Long.toString(victim)));
        Api.get(token(Long.toString(squatter)), id).statusCode(200).body("user_id", equalTo(Long.toString(squatter)));
    }

    @Test
    void anExplicitPoolIsUsedAndMustServeTheLanguage() {
        long user = nextId();
        long id = nextId();
        Map<String, Object> body = submitBody(id, PROBLEM_ANY, user, "python", "print(1)");
        body.put("pool", "python-only");
        submit(token(Long.toString(user)), body).statusCode(202).body("pool", equalTo("python-only"));
        assertThat(Fixtures.submission(client, id).getSpec().getPool()).isEqualTo("python-only");

        Map<String, Object> wrongLanguage = submitBody(nextId(), PROBLEM_ANY, user, "go", "package main");
        wrongLanguage.put("pool", "python-only");
        submit(token(Long.toString(user)), wrongLanguage).statusCode(422)
                .body("code", equalTo("language_not_served")).body("field", equalTo("language"))
                .body("message", containsString("python-only"));

        Map<String, Object> noPool = submitBody(nextId(), PROBLEM_ANY, user, "go", "package main");
        noPool.put("pool", "nowhere");
        submit(token(Long.toString(user)), noPool).statusCode(422)
                .body("code", equalTo("unknown_pool")).body("field", equalTo("pool"));
    }

    @Test
    void theProblemMustExistAndAcceptTheLanguage() {
        long user = nextId();
        submit(token(Long.toString(user)), submitBody(nextId(), 999_999, user, "c", "int main(){}"))
                .statusCode(422).body("code", equalTo("unknown_problem")).body("field", equalTo("problem_id"))
                .body("message", containsString("problem-999999"));
        submit(token(Long.toString(user)), submitBody(nextId(), PROBLEM_C_ONLY, user, "java", "class Main{}"))
                .statusCode(422).body("code", equalTo("language_not_allowed")).body("field", equalTo("language"))
                .body("message", containsString("accepts c, cpp"));
        submit(token(Long.toString(user)), submitBody(nextId(), PROBLEM_C_ONLY, user, "c", "int main(){}"))
                .statusCode(202);
    }

    @Test
    void aSubmitterMaySubmitOnlyAsItselfAndAnAdminForAnybody() {
        long user = nextId();
        submit(token(Long.toString(user)), submitBody(nextId(), PROBLEM_ANY, user + 1, "c", "int main(){}"))
                .statusCode(403).body("code", equalTo("forbidden"));
        submit(Fixtures.adminToken(), submitBody(nextId(), PROBLEM_ANY, user + 1, "c", "int main(){}"))
                .statusCode(202).body("user_id", equalTo(Long.toString(user + 1)));
    }

    @Test
    void aRepeatedArchivedSubmissionIsAnsweredFromTheArchive() throws Exception {
        long id = nextId();
        long user = nextId();
        Map<String, Object> body = submitBody(id, PROBLEM_ANY, user, "c", "int main(){return 0;}");
        submit(token(Long.toString(user)), body).statusCode(202);
        io.kubejudge.api.support.Archive.archiveAndDelete(client, id, "Completed", "Accepted");

        submit(token(Long.toString(user)), body).statusCode(200)
                .body("source", equalTo("archive")).body("verdict", equalTo("Accepted"));
        submit(token(Long.toString(user)), submitBody(id, PROBLEM_ANY, user, "c", "int main(){return 1;}"))
                .statusCode(409).body("field", equalTo("code"));
        assertThat(Fixtures.submission(client, id)).as("no second judging of an archived submission").isNull();
    }
}
