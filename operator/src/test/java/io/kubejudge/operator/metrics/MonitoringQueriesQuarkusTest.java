package io.kubejudge.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.JudgeLabels;
import io.kubejudge.operator.QuarkusMockCluster;
import io.kubejudge.testsupport.promql.Exposition;
import io.kubejudge.testsupport.promql.MonitoringQueries;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The deployed operator's /q/metrics backs every query of the chart's dashboard and alerts that
 * names an operator metric (the API's http_server_requests_* are checked by the API's own test);
 * its plain HTTP port refuses the external metrics API (served on HTTPS to kube-apiserver only).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = QuarkusMockCluster.WithCrds.class)
@io.quarkus.test.common.WithTestResource(RedisForOperator.class)
class MonitoringQueriesQuarkusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KubernetesClient client;

    @Inject
    io.kubejudge.operator.OperatorComponents components;


    @TestHTTPResource("/")
    java.net.URL base;

    private HttpResponse<String> get(String path) throws Exception {
        return QuarkusMockCluster.get(base.toURI().resolve(path));
    }

    @Test
    void everyOperatorMetricOfTheDashboardAndTheAlertsIsExported() throws Exception {
        var pool = Fixtures.pool("monitored", 2);
        pool.getMetadata().setUid(null);
        client.resource(pool).create();
        // One judging's life as the status recorder reports it: queued, admitted, failed on its deadline.
        JudgeSubmission queued = Fixtures.submission("mq1");
        queued.getSpec().setPool("monitored");
        queued.getMetadata().setCreationTimestamp("2026-12-03T12:00:00Z");
        queued.setStatus(status(Phase.QUEUED, "2026-12-03T12:00:01Z", null, null, null));
        JudgeSubmission admitted = copy(queued, status(Phase.RUNNING, "2026-12-03T12:00:01Z", "2026-12-03T12:00:03Z", null, null));
        JudgeSubmission failed = copy(queued, status(Phase.FAILED, "2026-12-03T12:00:01Z", "2026-12-03T12:00:03Z",
                "2026-12-03T12:03:00Z", "judge Job mq1-1 exceeded its deadline of 194 s"));
        components.metrics().changed(queued, admitted);
        components.metrics().changed(admitted, failed);
        // A judge pod that started 4 s after it was made.
        Instant created = Instant.now().minusSeconds(10);
        Pod pod = new PodBuilder().withNewMetadata().withName("mq1-1-abcde").withNamespace(Fixtures.NS)
                .withCreationTimestamp(created.toString())
                .withLabels(Map.of(JudgeLabels.NAME, JudgeLabels.JUDGE_NAME, JudgeLabels.MANAGED_BY, JudgeLabels.OPERATOR,
                        io.kubejudge.model.v1alpha1.KubeJudge.LABEL_POOL, "monitored"))
                .endMetadata()
                .withNewSpec().addNewContainer().withName("judge").withImage("kubejudge/judge-runner:0.1.0").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder().withName("judge")
                        .withNewState().withNewRunning().withStartedAt(created.plusSeconds(4).toString()).endRunning().endState().build())
                .endStatus().build();
        client.resource(pod).create();
        assertThat(get("/q/health/live").statusCode()).isEqualTo(200);

        await().until(() -> get("/q/metrics").body().contains("kubejudge_pod_start_seconds_count{pool=\"monitored\"} 1"));
        String body = get("/q/metrics").body();
        assertThat(body).contains("kubejudge_slots{namespace=\"judge\",pool=\"monitored\"} 2.0")
                .contains("kubejudge_judge_duration_seconds_count{language=\"cpp\",pool=\"monitored\"} 1")
                .contains("kubejudge_system_errors_total{pool=\"monitored\",reason=\"deadline\"} 1.0")
                .contains("kubejudge_pool_degraded{namespace=\"judge\",pool=\"monitored\"} 0.0")
                .contains("kubejudge_operator_leading 1.0")
                .contains("kubejudge_redis_up 1.0");

        Map<String, Set<String>> exported = Exposition.labelsByMetric(body);
        List<String> queries = MonitoringQueries.expressions(MonitoringQueries.chartDirectory());
        assertThat(queries).hasSizeGreaterThan(15);
        assertThat(MonitoringQueries.problems(queries, exported, m -> m.startsWith("http_server_requests_"))).isEmpty();
    }

    @Test
    void theExternalMetricsApiIsNotAnsweredOnThePlainHttpPort() throws Exception {
        // Only kube-apiserver's front proxy, with its client certificate over HTTPS, is answered
        // (ExternalMetricsTlsQuarkusTest); a request here, whatever headers it carries, is unauthenticated.
        HttpResponse<String> value = QuarkusMockCluster.get(base.toURI().resolve("/apis/external.metrics.k8s.io/v1beta1/namespaces/judge/"
                + "kubejudge_queue_depth?labelSelector=namespace%3Djudge%2Cpool%3Dnobody-waits"));
        assertThat(value.statusCode()).as(value.body()).isEqualTo(401);
        assertThat(JSON.readTree(value.body()).path("kind").asText()).isEqualTo("Status");
    }

    private static JudgeSubmissionStatus status(Phase phase, String queuedAt, String admittedAt, String completedAt, String message) {
        JudgeSubmissionStatus s = new JudgeSubmissionStatus();
        s.setPhase(phase);
        s.setQueuedAt(queuedAt);
        s.setAdmittedAt(admittedAt);
        s.setCompletedAt(completedAt);
        s.setMessage(message);
        return s;
    }

    private static JudgeSubmission copy(JudgeSubmission s, JudgeSubmissionStatus status) {
        JudgeSubmission c = new JudgeSubmission();
        c.setMetadata(s.getMetadata());
        c.setSpec(s.getSpec());
        c.setStatus(status);
        return c;
    }
}
