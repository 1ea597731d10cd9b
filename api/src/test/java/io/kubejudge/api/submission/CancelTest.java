package io.kubejudge.api.submission;

import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.support.Api;
import io.kubejudge.api.support.Archive;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class CancelTest {

    @Inject
    KubernetesClient client;

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    @Test
    void cancellingAQueuedSubmissionSetsSpecCancel() {
        long user = nextId();
        long id = Api.submitted(user, "go", "package main");
        Fixtures.setStatus(client, id, st -> st.setPhase(JudgeSubmissionStatus.Phase.QUEUED));

        Api.cancel(token(Long.toString(user)), id).statusCode(202).body("submission_id", equalTo((int) id));
        assertThat(Fixtures.submission(client, id).getSpec().getCancel()).isTrue();
        Api.cancel(token(Long.toString(user)), id).statusCode(202);
    }

    @Test
    void aFinishedSubmissionCannotBeCancelled() {
        long user = nextId();
        long id = Api.submitted(user, "go", "package main");
        Fixtures.setStatus(client, id, st -> st.setPhase(JudgeSubmissionStatus.Phase.COMPLETED));
        Api.cancel(token(Long.toString(user)), id).statusCode(409)
                .body("code", equalTo("already_final")).body("message", equalTo("submission " + id + " is already Completed"));
        assertThat(Fixtures.submission(client, id).getSpec().getCancel()).isFalse();

        Archive.archiveAndDelete(client, id, "Completed", "Accepted");
        Api.cancel(token(Long.toString(user)), id).statusCode(409).body("code", equalTo("already_final"));
    }

    @Test
    void onlyTheOwnerOrAnAdminMayCancel() {
        long user = nextId();
        long id = Api.submitted(user, "go", "package main");
        Api.cancel(token(Long.toString(user + 1)), id).statusCode(404);
        Api.cancel(token(Long.toString(user + 1)), id, user).statusCode(404);
        assertThat(Fixtures.submission(client, id).getSpec().getCancel()).isFalse();
        Api.cancel(Fixtures.adminToken(), id, user).statusCode(202);
        assertThat(Fixtures.submission(client, id).getSpec().getCancel()).isTrue();
    }

    @Test
    void cancellingNothingIs404() {
        Api.cancel(Fixtures.adminToken(), 876_543_210L, 5).statusCode(404).body("field", equalTo("id"));
    }
}
