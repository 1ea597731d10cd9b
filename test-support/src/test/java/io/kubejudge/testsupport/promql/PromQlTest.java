package io.kubejudge.testsupport.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubejudge.testsupport.promql.PromQl.Selector;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void selectorsAndGroupingOfTheShapesWeUse() {
        var q = PromQl.parse("histogram_quantile(0.95, sum by (language, le) (rate(kubejudge_judge_duration_seconds_bucket[5m])))");
        assertThat(q.selectors()).containsExactly(new Selector("kubejudge_judge_duration_seconds_bucket", Set.of()));
        assertThat(q.groupingLabels()).containsExactlyInAnyOrder("language", "le");

        var ratio = PromQl.parse("sum(rate(kubejudge_system_errors_total[15m])) / clamp_min(sum(rate(kubejudge_submissions_total{verdict!=\"cancelled\"}[15m])), 1) > 0.05");
        assertThat(ratio.selectors()).extracting(Selector::metric).containsExactly("kubejudge_system_errors_total", "kubejudge_submissions_total");
        assertThat(ratio.selectors().get(1).labels()).containsExactly("verdict");

        var absent = PromQl.parse("absent(max(kubejudge_operator_leading) == 1) or max(kubejudge_operator_leading) < 1");
        assertThat(absent.selectors()).hasSize(2);
        var on = PromQl.parse("sum by (pool) (kubejudge_running) / on (pool) group_left sum by (pool) (kubejudge_slots) > bool 0.5");
        assertThat(on.groupingLabels()).containsExactly("pool");
        assertThat(PromQl.parse("max_over_time(kubejudge_redis_up[5m:30s]) offset 1m").selectors()).hasSize(1);
        assertThat(PromQl.parse("{__name__=\"up\", job=~\"a|b\"}").selectors()).containsExactly(new Selector("up", Set.of("job")));
        assertThat(PromQl.parse("sum(rate(x[5m])) without (instance)").groupingLabels()).containsExactly("instance");
    }

    @Test
    void whatIsNotPromQlIsRefusedWithThePosition() {
        assertThatThrownBy(() -> PromQl.parse("sum(rate(x[5m])")).hasMessageContaining("expected )");
        assertThatThrownBy(() -> PromQl.parse("rate(x[5 m])")).isInstanceOf(PromQl.ParseException.class);
        assertThatThrownBy(() -> PromQl.parse("x{a=b}")).hasMessageContaining("expected string");
        assertThatThrownBy(() -> PromQl.parse("frobnicate(x)")).hasMessageContaining("unknown function frobnicate");
        assertThatThrownBy(() -> PromQl.parse("x{a==\"b\"}")).hasMessageContaining("label matcher operator");
        assertThatThrownBy(() -> PromQl.parse("x > > 1")).hasMessageContaining("expected an expression");
        assertThatThrownBy(() -> PromQl.parse("x 1")).hasMessageContaining("unexpected 1");
        assertThatThrownBy(() -> PromQl.parse("{job=\"a\"}")).hasMessageContaining("without a metric name");
    }

    @Test
    void theExpositionGivesNamesAndLabelNames() {
        var m = Exposition.labelsByMetric("""
                # HELP kubejudge_queue_depth Submissions waiting
                # TYPE kubejudge_queue_depth gauge
                kubejudge_queue_depth{namespace="judge",pool="default"} 0.0
                kubejudge_operator_leading 1.0
                http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/a,b=\\"c\\""} 3
                """);
        assertThat(m.get("kubejudge_queue_depth")).containsExactly("namespace", "pool");
        assertThat(m.get("kubejudge_operator_leading")).isEmpty();
        assertThat(m.get("http_server_requests_seconds_count")).containsExactly("method", "outcome", "status", "uri");
    }

    @Test
    void aNameCheckFindsMissingMetricsLabelsAndGroupings() {
        var exported = java.util.Map.of("a_total", Set.of("pool"), "b", Set.of("pool", "le"));
        assertThat(MonitoringQueries.problems(java.util.List.of(
                "sum by (pool) (rate(a_total[5m]))",
                "sum by (language) (rate(a_total{verdict=\"x\"}[5m]))",
                "c + on (uri) http_x",
                "missing"), exported, m -> m.startsWith("http_"))).containsExactly(
                "a_total has no label verdict (in: sum by (language) (rate(a_total{verdict=\"x\"}[5m])))",
                "no metric of the expression has the label language it groups by (in: sum by (language) (rate(a_total{verdict=\"x\"}[5m])))",
                "c is not exported (in: c + on (uri) http_x)",
                "missing is not exported (in: missing)");
    }

    @Test
    void theChartsQueriesAllParse() {
        var expressions = MonitoringQueries.expressions(MonitoringQueries.chartDirectory());
        assertThat(expressions).hasSizeGreaterThan(15);
        expressions.forEach(PromQl::parse);
    }
}
