package io.kubejudge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Who serves external.metrics.k8s.io: the operator through the chart's APIService (default), or
 * prometheus-adapter, or KEDA — never two providers of that API from one chart.
 */
class ExternalMetricsProviderTest {

    @Test
    void byDefaultTheOperatorServesItThroughAnApiServiceWithAGeneratedCertificate() throws Exception {
        Rendering r = ValueSets.render(ValueSets.DEFAULTS);
        List<HasMetadata> apiServices = apiServices(r);
        assertThat(apiServices).hasSize(1);
        Map<String, Object> spec = spec(apiServices.get(0));
        assertThat(spec).containsEntry("group", "external.metrics.k8s.io").containsEntry("version", "v1beta1")
                .containsEntry("service", Map.of("name", "kubejudge-operator", "namespace", "kubejudge", "port", 443))
                .doesNotContainKey("insecureSkipTLSVerify");

        Service service = r.one(Service.class, "kubejudge-operator");
        assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "operator");
        assertThat(service.getSpec().getPorts().stream().map(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getStrVal()))
                .containsExactly("http:8080->http", "https:443->https");

        // The serving certificate is for the Service's DNS name and is signed by the APIService's CA.
        Secret tls = r.one(Secret.class, "kubejudge-operator-tls");
        X509Certificate ca = certificate((String) spec.get("caBundle"));
        X509Certificate serving = certificate(tls.getData().get("tls.crt"));
        serving.verify(ca.getPublicKey());
        assertThat(serving.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList())
                .contains("kubejudge-operator.kubejudge.svc");
        assertThat(new String(Base64.getDecoder().decode(tls.getData().get("tls.key")))).contains("PRIVATE KEY");

        Container operator = r.one(Deployment.class, "kubejudge-operator").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(operator.getPorts().stream().map(p -> p.getName() + ":" + p.getContainerPort())).containsExactly("http:8080", "https:8443");
        assertThat(env(operator)).containsEntry("QUARKUS_HTTP_SSL_PORT", "8443")
                .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "/etc/kubejudge/tls/tls.crt")
                .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", "/etc/kubejudge/tls/tls.key")
                .doesNotContainKey("KUBEJUDGE_EXTERNAL_METRICS_ENABLED");
        assertThat(operator.getVolumeMounts().stream().map(m -> m.getMountPath())).contains("/etc/kubejudge/tls");
        assertThat(r.one(NetworkPolicy.class, "kubejudge-operator").getSpec().getIngress().get(0).getPorts().stream()
                .map(p -> p.getPort().getIntVal())).containsExactly(8080, 8443);
        assertThat(r.one(JudgeNodePool.class, "default").getSpec().getAutoscaling()).isNotNull();
    }

    @Test
    void theOperatorMayAuthenticateTheFrontProxyAndDelegateAuthorization() {
        Rendering r = ValueSets.render(ValueSets.DEFAULTS);
        // The SubjectAccessReview per request: Kubernetes' role for delegating API servers, cluster-wide.
        ClusterRoleBinding delegator = r.one(ClusterRoleBinding.class, "kubejudge-operator-auth-delegator");
        assertThat(delegator.getRoleRef().getKind() + " " + delegator.getRoleRef().getName()).isEqualTo("ClusterRole system:auth-delegator");
        assertThat(delegator.getSubjects()).singleElement().satisfies(s -> assertThat(s.getKind() + " " + s.getNamespace() + "/" + s.getName())
                .isEqualTo("ServiceAccount kubejudge/kubejudge-operator"));
        // The front proxy's CA and headers: the one ConfigMap, read in kube-system, not anywhere else.
        RoleBinding reader = r.all(RoleBinding.class).stream().filter(b -> b.getMetadata().getName().equals("kubejudge-operator-auth-reader"))
                .findFirst().orElseThrow();
        assertThat(reader.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(reader.getRoleRef().getKind() + " " + reader.getRoleRef().getName())
                .isEqualTo("Role extension-apiserver-authentication-reader");
        assertThat(reader.getSubjects()).singleElement().satisfies(s -> assertThat(s.getKind() + " " + s.getNamespace() + "/" + s.getName())
                .isEqualTo("ServiceAccount kubejudge/kubejudge-operator"));
        assertThat(ValueSets.chart().render(ValueSets.request(ValueSets.DEFAULTS).set("externalMetrics.provider", "none")).all(RoleBinding.class)
                .stream().map(b -> b.getMetadata().getName())).as("no provider, no reason to read it").doesNotContain("kubejudge-operator-auth-reader");
    }

    @Test
    void insecureSkipTlsVerifyLeavesTheCaOut() {
        Rendering r = ValueSets.chart().render(ValueSets.request(ValueSets.DEFAULTS).set("externalMetrics.tls.insecureSkipTLSVerify", "true"));
        Map<String, Object> spec = spec(apiServices(r).get(0));
        assertThat(spec).containsEntry("insecureSkipTLSVerify", true).doesNotContainKey("caBundle");
    }

    @Test
    void withPrometheusAdapterTheChartShipsItsRuleAndNoApiService() {
        Rendering r = ValueSets.render("prometheus-adapter-values.yaml");
        assertThat(apiServices(r)).isEmpty();
        assertThat(r.objects().stream().filter(o -> o.getKind().equals("ClusterRoleBinding")).map(o -> o.getMetadata().getName()))
                .doesNotContain("kubejudge-operator-auth-delegator");
        String rules = r.one(ConfigMap.class, "kubejudge-prometheus-adapter-rules").getData().get("external-rules.yaml");
        assertThat(rules).contains("seriesQuery: 'kubejudge_queue_depth{namespace!=\"\",pool!=\"\"}'")
                .contains("as: kubejudge_queue_depth").contains("max by (namespace, pool)");
        Container operator = r.one(Deployment.class, "kubejudge-operator").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(operator)).containsEntry("KUBEJUDGE_EXTERNAL_METRICS_ENABLED", "false").doesNotContainKey("QUARKUS_HTTP_SSL_PORT");
        assertThat(r.one(Service.class, "kubejudge-operator").getSpec().getPorts()).hasSize(1);
        assertThat(r.one(JudgeNodePool.class, "default").getSpec().getAutoscaling()).as("the operator's HPA, fed by the adapter").isNotNull();
    }

    @Test
    void withKedaAScaledObjectScalesTheDefaultPoolWhichHasNoHpaOfItsOwn() {
        Rendering r = ValueSets.render("keda-values.yaml");
        assertThat(apiServices(r)).isEmpty();
        List<HasMetadata> scaled = r.objects().stream().filter(o -> o.getKind().equals("ScaledObject")).toList();
        assertThat(scaled).hasSize(1);
        Map<String, Object> spec = spec(scaled.get(0));
        assertThat(scaled.get(0).getMetadata().getNamespace()).isEqualTo("kubejudge-judges");
        assertThat(spec).containsEntry("scaleTargetRef", Map.of("apiVersion", "kubejudge.io/v1alpha1", "kind", "JudgeNodePool", "name", "default"))
                .containsEntry("minReplicaCount", 2).containsEntry("maxReplicaCount", 20);
        @SuppressWarnings("unchecked")
        Map<String, Object> trigger = ((List<Map<String, Object>>) spec.get("triggers")).get(0);
        assertThat(trigger).containsEntry("type", "prometheus").containsEntry("metricType", "AverageValue");
        assertThat(trigger.get("metadata")).isEqualTo(Map.of("serverAddress", "http://prometheus.monitoring.svc:9090",
                "query", "max(kubejudge_queue_depth{namespace=\"kubejudge-judges\",pool=\"default\"}) or vector(0)", "threshold", "4"));
        assertThat(r.one(JudgeNodePool.class, "default").getSpec().getAutoscaling())
                .as("one HPA per target: KEDA's, not also the operator's").isNull();
    }

    @Test
    void noneServesNothing() {
        Rendering r = ValueSets.chart().render(ValueSets.request(ValueSets.DEFAULTS).set("externalMetrics.provider", "none"));
        assertThat(apiServices(r)).isEmpty();
        assertThat(r.objects().stream().map(o -> o.getKind())).doesNotContain("ScaledObject");
        assertThat(r.all(Secret.class).stream().map(s -> s.getMetadata().getName())).doesNotContain("kubejudge-operator-tls");
    }

    private static List<HasMetadata> apiServices(Rendering r) {
        return r.objects().stream().filter(o -> o.getKind().equals("APIService")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(HasMetadata o) {
        if (o instanceof GenericKubernetesResource g) {
            return (Map<String, Object>) g.getAdditionalProperties().get("spec");
        }
        return new io.fabric8.kubernetes.client.utils.KubernetesSerialization().convertValue(o, Map.class).get("spec") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
    }

    private static X509Certificate certificate(String base64Pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Pem)));
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
    }
}
