package io.kubejudge.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

/** The deployed shape: Quarkus builds the reconcilers, serves health and Prometheus metrics. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = QuarkusMockCluster.WithCrds.class)
class OperatorQuarkusTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/")
    java.net.URL base;

    String get(String path) throws Exception {
        HttpResponse<String> response = QuarkusMockCluster.get(base.toURI().resolve(path));
        return response.statusCode() + "\n" + response.body();
    }

    @Test
    void judgesSubmissionsAndReportsHealthAndMetrics() throws Exception {
        QuarkusMockCluster.createProblemPoolAndSubmission(client);

        QuarkusMockCluster.awaitJudgeJobOfQ1(client);
        // The problem reconciler is registered in the Quarkus build too.
        await().until(() -> {
            var p = client.resources(io.kubejudge.model.v1alpha1.JudgeProblem.class).inNamespace(Fixtures.NS).withName("aplusb").get();
            return p.getStatus() != null && Integer.valueOf(1).equals(p.getStatus().getTestCount());
        });
        await().until(() -> {
            JudgeSubmission s = client.resources(JudgeSubmission.class).inNamespace(Fixtures.NS).withName("q1").get();
            return s.getStatus() != null && s.getStatus().getPhase() == Phase.RUNNING;
        });

        String ready = get("/q/health/ready");
        assertThat(ready).startsWith("200").contains("\"kubernetes-api\"").contains("\"redis\"");

        await().until(() -> get("/q/metrics").contains("kubejudge_running{namespace=\"judge\",pool=\"default\"} 1.0"));
        String metrics = get("/q/metrics");
        assertThat(metrics).contains("kubejudge_queue_depth{namespace=\"judge\",pool=\"default\"} 0.0");
        assertThat(metrics).contains("kubejudge_admission_latency_seconds_count{pool=\"default\"} 1");
        assertThat(metrics).as("java-operator-sdk's own metrics").contains("reconciliations_started_total{")
                .contains("controller_name=\"judgesubmission\"");
    }
}
