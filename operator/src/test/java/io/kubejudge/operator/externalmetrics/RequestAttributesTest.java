package io.kubejudge.operator.externalmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the operator asks kube-apiserver to authorize for a path (its request attributes), and the
 * front-proxy settings it refuses to work with.
 */
class RequestAttributesTest {

    @Test
    void theHpasReadIsAListOfTheMetricInThePoolsNamespace() {
        ResourceAttributes r = DelegatedAuthorization.resourceAttributes("GET",
                "/apis/external.metrics.k8s.io/v1beta1/namespaces/judge/kubejudge_queue_depth");
        assertThat(r.getVerb()).isEqualTo("list");
        assertThat(r.getGroup()).isEqualTo("external.metrics.k8s.io");
        assertThat(r.getVersion()).isEqualTo("v1beta1");
        assertThat(r.getNamespace()).isEqualTo("judge");
        assertThat(r.getResource()).isEqualTo("kubejudge_queue_depth");
        assertThat(r.getName()).isNull();

        ResourceAttributes named = DelegatedAuthorization.resourceAttributes("GET",
                "/apis/external.metrics.k8s.io/v1beta1/namespaces/judge/kubejudge_queue_depth/x");
        assertThat(named.getVerb()).isEqualTo("get");
        assertThat(named.getName()).isEqualTo("x");

        assertThat(DelegatedAuthorization.resourceAttributes("GET", "/apis/external.metrics.k8s.io/v1beta1"))
                .as("discovery is a non-resource request").isNull();
        assertThat(DelegatedAuthorization.resourceAttributes("GET", "/apis")).isNull();
        assertThat(DelegatedAuthorization.resourceAttributes("GET", "/openapi/v2")).isNull();
    }

    @Test
    void settingsWithoutAFrontProxyCaOrUserHeaderAreRefusedByName() {
        TestCertificates certs = TestCertificates.get();
        assertThatThrownBy(() -> RequestHeaderSettings.parse(Map.of("client-ca-file", certs.pem("serving-ca.crt"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestheader-client-ca-file");
        assertThatThrownBy(() -> RequestHeaderSettings.parse(Map.of("requestheader-client-ca-file", certs.pem("front-proxy-ca.crt"))))
                .hasMessageContaining("requestheader-username-headers");
        assertThatThrownBy(() -> RequestHeaderSettings.parse(Map.of("requestheader-client-ca-file", certs.pem("front-proxy-ca.crt"),
                "requestheader-username-headers", "X-Remote-User")))
                .hasMessageContaining("requestheader-username-headers is not a JSON array");
        RequestHeaderSettings s = RequestHeaderSettings.parse(Map.of("requestheader-client-ca-file", certs.pem("front-proxy-ca.crt"),
                "requestheader-username-headers", "[\"X-Remote-User\"]", "requestheader-allowed-names", "[]"));
        assertThat(s.clientCa()).hasSize(1);
        assertThat(s.allowedNames()).as("empty: any certificate the CA signed").isEmpty();
        assertThat(s.groupHeaders()).isEmpty();
    }
}
