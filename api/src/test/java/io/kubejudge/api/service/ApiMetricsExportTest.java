package io.kubejudge.api.service;

import static io.kubejudge.api.support.Fixtures.PROBLEM_ANY;
import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.submitBody;
import static io.kubejudge.api.support.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.api.support.Api;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.RedisServerResource;
import io.kubejudge.testsupport.promql.Exposition;
import io.kubejudge.testsupport.promql.MonitoringQueries;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The API's /q/metrics: requests by route template and status with histogram buckets, and every
 * query of the chart's dashboard and alerts that names an API metric backed by it (the operator's
 * kubejudge_* metrics are checked by the operator's own test).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class ApiMetricsExportTest {

    @Test
    void requestsByRouteAndStatusBackTheDashboardsApiQueries() {
        long user = nextId();
        // No problem exists in this app: refused (422), which is a request by route and status all the same.
        Api.submit(token(Long.toString(user)), submitBody(nextId(), PROBLEM_ANY, user, "java", "class Main {}")).statusCode(422);

        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(body).contains("http_server_requests_seconds_bucket{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"422\"[^}]*uri=\"/api/v1/judge/submit\"");

        Map<String, Set<String>> exported = Exposition.labelsByMetric(body);
        List<String> queries = MonitoringQueries.expressions(MonitoringQueries.chartDirectory());
        long apiQueries = queries.stream().filter(q -> q.contains("http_server_requests_")).count();
        assertThat(apiQueries).as("the dashboard's API rate, latency and errors").isGreaterThanOrEqualTo(3);
        assertThat(MonitoringQueries.problems(queries, exported, m -> m.startsWith("kubejudge_"))).isEmpty();
    }
}
