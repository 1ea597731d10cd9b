package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.testcluster.RepositoryLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What users and admins do through the API besides submitting and watching: cancel, the cluster's
 * status and metrics, scaling a pool, rejudging a problem — with the API as its chart's service
 * account, so each of these is also checked against the chart's RBAC (ChartRbacUseE2eTest).
 */
class ApiAdminE2eTest extends E2eScenario {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final long PROBLEM_ID = 3;
    private static final String USER = "42";

    private ApiProcess api;
    private String submitter;
    private String admin;

    @BeforeAll
    void problemPoolAndApi() {
        operator();
        kubejudge.createPool("default", 0);
        Map<String, String> settings = new HashMap<>();
        if (environment.chartRbac() != null) {
            environment.chartRbac().install(namespace);
            settings.put("kubernetes.auth.token", ChartRbac.apiToken());
        }
        api = ApiProcess.start("admin", client.getMasterUrl().toString(), namespace, redis(), settings);
        submitter = ApiProcess.mintToken(USER, "submitter");
        admin = ApiProcess.mintToken("1", "admin");
        api.awaitReady(WAIT);
        // Created after the API started: the API may meet it before its informer does.
        JudgeProblem example = kubejudge.applyExampleProblem("aplusb");
        JudgeProblem byId = new JudgeProblem();
        byId.getMetadata().setName("problem-" + PROBLEM_ID);
        byId.setSpec(example.getSpec());
        kubejudge.createProblem(byId);
    }

    @AfterAll
    void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void cancelStatusScaleRejudgeAndMetrics() {
        submit(1, "wrong-answer.cpp");
        submit(2, "accepted.cpp");

        HttpResponse<String> cancel = api.delete("/api/v1/judge/submissions/1", submitter);
        assertThat(cancel.statusCode()).as("cancel: %s", cancel.body()).isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> assertThat(phase(1)).isEqualTo("Cancelled"));

        JsonNode status = api.getJson("/cluster/status", admin);
        assertThat(status.toString()).contains("default");

        HttpResponse<String> scale = api.post("/cluster/scale", admin, Map.of("action", "set", "node_count", 2, "node_type", "default"));
        assertThat(scale.statusCode()).as("scale: %s", scale.body()).isEqualTo(200);
        assertThat(kubejudge.pool("default").getSpec().getReplicas()).isEqualTo(2);

        await().atMost(WAIT).untilAsserted(() -> assertThat(phase(2)).isEqualTo("Completed"));
        HttpResponse<String> rejudge = api.post("/api/v1/judge/rejudge", admin, Map.of("problem_id", PROBLEM_ID));
        assertThat(rejudge.statusCode()).as("rejudge: %s", rejudge.body()).isEqualTo(202);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode s = api.getJson("/api/v1/judge/submissions/2", submitter);
            assertThat(s.path("phase").asText()).isEqualTo("Completed");
            assertThat(s.path("verdict").asText()).isEqualTo("Accepted");
            assertThat(client.resources(io.kubejudge.model.v1alpha1.JudgeSubmission.class).inNamespace(namespace)
                    .withName("sub-" + USER + "-2").get().getStatus().getObservedRejudge()).isEqualTo(1);
        });

        HttpResponse<String> metrics = api.get("/cluster/metrics", admin);
        assertThat(metrics.statusCode()).as("metrics: %s", metrics.body()).isEqualTo(200);
    }

    private String phase(long id) {
        return api.getJson("/api/v1/judge/submissions/" + id, submitter).path("phase").asText();
    }

    private void submit(long submissionId, String file) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submission_id", submissionId);
        body.put("problem_id", PROBLEM_ID);
        body.put("user_id", Long.parseLong(USER));
        body.put("language", "cpp");
        try {
            body.put("code", Files.readString(RepositoryLayout.root().resolve("examples/submissions/aplusb").resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> r = await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> api.post("/api/v1/judge/submit", submitter, body), response -> response.statusCode() != 422);
        assertThat(r.statusCode()).as("submit %d: %s", submissionId, r.body()).isEqualTo(202);
    }
}
