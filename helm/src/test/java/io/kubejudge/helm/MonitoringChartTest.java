package io.kubejudge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** ServiceMonitors, the PrometheusRule and the Grafana dashboard the chart ships. */
class MonitoringChartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void serviceMonitorsScrapeBothAndKeepThePoolsLabels() {
        Rendering r = ValueSets.render("keda-values.yaml");
        ServiceMonitor operator = r.one(ServiceMonitor.class, "kubejudge-operator");
        assertThat(operator.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(operator.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "operator");
        assertThat(operator.getSpec().getEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.getPort()).isEqualTo("http");
            assertThat(e.getPath()).isEqualTo("/q/metrics");
            assertThat(e.getHonorLabels()).as("the metric's namespace label is the pool's").isTrue();
        });
        ServiceMonitor api = r.one(ServiceMonitor.class, "kubejudge-api");
        assertThat(api.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "api");
        assertThat(ValueSets.render(ValueSets.DEFAULTS).all(ServiceMonitor.class)).as("off by default: needs the CRDs").isEmpty();
    }

    @Test
    void everyAlertHasItsThresholdFromTheValuesAndARunbookSection() throws Exception {
        Rendering r = ValueSets.render("keda-values.yaml");
        PrometheusRule rule = r.one(PrometheusRule.class, "kubejudge");
        List<Rule> alerts = rule.getSpec().getGroups().get(0).getRules();
        assertThat(alerts.stream().map(Rule::getAlert)).containsExactly("KubeJudgeQueueWaitHigh", "KubeJudgeSystemErrors",
                "KubeJudgePoolDegraded", "KubeJudgeOperatorDown", "KubeJudgeRedisUnreachable", "KubeJudgeJudgePodsPending",
                "KubeJudgeSlowPodStart");
        assertThat(alerts.get(0).getExpr().getStrVal()).endsWith("> 120");
        assertThat(alerts.get(1).getExpr().getStrVal()).endsWith("> 0.05");
        assertThat(alerts.get(5).getExpr().getStrVal()).endsWith("> 600");
        assertThat(alerts.get(6).getExpr().getStrVal()).endsWith("> 30");
        String operations = Files.readString(Path.of("..", "docs", "operations.md"));
        for (Rule alert : alerts) {
            assertThat(alert.getExpr().getStrVal()).doesNotContain("{{");
            assertThat(alert.getAnnotations().get("summary")).contains("").doesNotContain("{{ \"");
            String anchor = alert.getAlert().toLowerCase(Locale.ROOT);
            assertThat(alert.getAnnotations().get("runbook_url")).endsWith("docs/operations.md#" + anchor);
            assertThat(operations).as("a runbook section for " + alert.getAlert()).contains("### " + alert.getAlert() + "\n");
            assertThat(alert.getLabels()).containsKey("severity");
        }
        Rendering tuned = ValueSets.chart().render(ValueSets.request("keda-values.yaml").set("monitoring.prometheusRule.queueWaitSeconds", "300"));
        assertThat(tuned.one(PrometheusRule.class, "kubejudge").getSpec().getGroups().get(0).getRules().get(0).getExpr().getStrVal())
                .endsWith("> 300");
    }

    @Test
    void theDashboardIsAConfigMapForTheGrafanaSidecarAndTheApiPointsAtIt() throws Exception {
        Rendering r = ValueSets.render(ValueSets.DEFAULTS);
        ConfigMap cm = r.one(ConfigMap.class, "kubejudge-dashboard");
        assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode dashboard = JSON.readTree(cm.getData().get("kubejudge.json"));
        assertThat(dashboard.path("uid").asText()).isEqualTo("kubejudge");
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(10);
        List<String> titles = dashboard.findValuesAsText("title");
        assertThat(String.join("\n", titles)).contains("Queue depth per pool", "Queue wait p95 per pool",
                "Submissions per second by verdict", "Judge duration p50 / p95 per language", "Running judges vs slots",
                "SystemErrors", "API requests per second by route and status", "API latency p95 by route", "API errors");
        Container api = r.one(Deployment.class, "kubejudge-api").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(DefaultValuesTest.env(api)).containsEntry("KUBEJUDGE_API_METRICS_GRAFANA_DASHBOARD",
                "http://grafana.monitoring.svc:3000/d/" + dashboard.path("uid").asText() + "/kubejudge");
    }
}
