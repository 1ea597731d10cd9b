package io.kubejudge.operator.externalmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.OperatorComponents;
import io.kubejudge.operator.QuarkusMockCluster;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployed operator's external metrics API as kube-apiserver's aggregation layer reaches it: Quarkus
 * serving HTTPS with a certificate made as the chart makes it, real TLS handshakes with and without a
 * front-proxy client certificate, the front proxy's CA and header names read from
 * {@code kube-system/extension-apiserver-authentication}, and the forwarded user authorized by a
 * SubjectAccessReview that the mock API server answers by Kubernetes' RBAC rules
 * ({@link SubjectAccessReviewStandIn}).
 */
@QuarkusTest
@TestProfile(ExternalMetricsTlsQuarkusTest.ServingCertificate.class)
@WithKubernetesTestServer(crud = true, setup = ExternalMetricsTlsQuarkusTest.ApiServer.class)
class ExternalMetricsTlsQuarkusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METRIC = "/apis/external.metrics.k8s.io/v1beta1/namespaces/judge/kubejudge_queue_depth"
            + "?labelSelector=namespace%3Djudge%2Cpool%3Dtls-pool";
    private static final String DISCOVERY = "/apis/external.metrics.k8s.io/v1beta1";
    /** What kube-apiserver's front proxy sends for the HPA controller (kube-controller-manager's service account). */
    private static final Map<String, List<String>> HPA = Map.of("X-Remote-User", List.of(SubjectAccessReviewStandIn.HPA_USER),
            "X-Remote-Group", List.of("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"));

    /** HTTPS on a free port with the chart-style certificate (PEM files, PKCS#1 key), next to plain HTTP, as the chart sets it. */
    public static class ServingCertificate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestCertificates c = TestCertificates.get();
            return Map.of("quarkus.http.ssl.certificate.files", c.file("tls.crt").toString(),
                    "quarkus.http.ssl.certificate.key-files", c.file("tls.key").toString(),
                    "quarkus.http.test-ssl-port", "0",
                    "quarkus.http.insecure-requests", "enabled");
        }
    }

    /** The CRDs, and kube-apiserver's SubjectAccessReview decisions. */
    public static class ApiServer extends QuarkusMockCluster.WithCrds {
        @Override
        public void accept(KubernetesServer server) {
            super.accept(server);
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
                    .andReply(201, request -> SubjectAccessReviewStandIn.answer(request.getBody().readUtf8())).always();
        }
    }

    /** An answer: status and the JSON body. */
    private record Reply(int status, JsonNode body) {
    }

    @Inject
    KubernetesClient client;

    @Inject
    OperatorComponents components;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @TestHTTPResource("/")
    URL http;

    private final TestCertificates certs = TestCertificates.get();

    /** What kube-apiserver publishes when it runs with --requestheader-* flags (kubeadm's values). */
    @BeforeEach
    void theClusterPublishesItsFrontProxySettings() {
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("extension-apiserver-authentication").withNamespace("kube-system").endMetadata()
                        .addToData("client-ca-file", certs.pem("serving-ca.crt"))
                        .addToData("requestheader-client-ca-file", certs.pem("front-proxy-ca.crt"))
                        .addToData("requestheader-allowed-names", "[\"" + TestCertificates.PROXY_NAME + "\"]")
                        .addToData("requestheader-username-headers", "[\"X-Remote-User\"]")
                        .addToData("requestheader-group-headers", "[\"X-Remote-Group\"]")
                        .addToData("requestheader-extra-headers-prefix", "[\"X-Remote-Extra-\"]")
                        .build())
                .createOr(existing -> existing.update());
    }

    @Test
    void theFrontProxyGetsTheHpasMetricAndNobodyElseDoes() throws Exception {
        awaitTheQueueRebuilt();
        Reply hpa = get(METRIC, "front-proxy", HPA);
        assertThat(hpa.status()).as(hpa.body().toString()).isEqualTo(200);
        assertThat(hpa.body().path("items").get(0).path("metricLabels").path("pool").asText()).isEqualTo("tls-pool");
        assertThat(hpa.body().path("items").get(0).path("value").asText()).isEqualTo("0");
        assertThat(get(DISCOVERY, "front-proxy", HPA).body().path("resources").get(0).path("name").asText())
                .isEqualTo("kubejudge_queue_depth");

        Reply noCertificate = get(METRIC, null, HPA);
        assertThat(noCertificate.status()).as("the user headers without the proxy's certificate count for nothing").isEqualTo(401);
        assertThat(noCertificate.body().path("reason").asText()).isEqualTo("Unauthorized");
        assertThat(noCertificate.body().path("message").asText()).contains("no client certificate");

        Reply otherCa = get(METRIC, "other-proxy", HPA);
        assertThat(otherCa.status()).as("a certificate of the proxy's name from a CA of the same name").isEqualTo(401);
        assertThat(otherCa.body().path("message").asText()).contains("not signed by the front proxy's CA");

        Reply notAProxy = get(METRIC, "not-a-proxy", HPA);
        assertThat(notAProxy.status()).as("signed by the front-proxy CA, but not an allowed name").isEqualTo(401);
        assertThat(notAProxy.body().path("message").asText()).contains("someone-else").contains(TestCertificates.PROXY_NAME);

        Reply serverOnly = get(METRIC, "server-only", HPA);
        assertThat(serverOnly.status()).as("a certificate not for client authentication").isEqualTo(401);
        assertThat(serverOnly.body().path("message").asText()).contains("not for client authentication");

        Reply noUser = get(METRIC, "front-proxy", Map.of("X-Remote-Group", List.of("system:authenticated")));
        assertThat(noUser.status()).isEqualTo(401);
        assertThat(noUser.body().path("message").asText()).contains("X-Remote-User");

        Map<String, List<String>> nosy = Map.of("X-Remote-User", List.of("system:serviceaccount:judge:nosy"),
                "X-Remote-Group", List.of("system:serviceaccounts", "system:authenticated"));
        Reply forbidden = get(METRIC, "front-proxy", nosy);
        assertThat(forbidden.status()).as("the SubjectAccessReview denies a user without the HPA's role").isEqualTo(403);
        assertThat(forbidden.body().path("reason").asText()).isEqualTo("Forbidden");
        assertThat(forbidden.body().path("message").asText())
                .contains("User \"system:serviceaccount:judge:nosy\" cannot list resource \"kubejudge_queue_depth\"")
                .contains("in API group \"external.metrics.k8s.io\" in the namespace \"judge\"")
                .as("the review asked what kube-apiserver would: list the metric in the pool's namespace")
                .contains("no RBAC rule allows list kubejudge_queue_depth.external.metrics.k8s.io in namespace judge");
        assertThat(get(DISCOVERY, "front-proxy", nosy).status()).as("discovery is every authenticated user's (system:discovery)")
                .isEqualTo(200);

        Reply plainHttp = plainHttp(METRIC, HPA);
        assertThat(plainHttp.status()).as("the plain HTTP port sees no client certificate").isEqualTo(401);
    }

    /** The leader's queue is the truth once its first submission is reconciled (before, it answers 503 without Redis). */
    private void awaitTheQueueRebuilt() {
        if (!components.queue().isRebuilt()) {
            var problem = Fixtures.problem("tls-problem", 1);
            problem.getMetadata().setUid(null);
            client.resource(problem).createOr(existing -> existing.update());
            JudgeSubmission s = Fixtures.submission("tls0", "tls-problem", io.kubejudge.model.result.Language.CPP, "int main(){}");
            s.getMetadata().setUid(null);
            s.getSpec().setPool("tls-queue");
            client.resource(s).createOr(existing -> existing.update());
            await().atMost(Duration.ofSeconds(60)).until(() -> components.queue().isRebuilt());
        }
    }

    /**
     * A GET over TLS as kube-apiserver's proxy makes it: trusting only the APIService's CA (the chart's
     * caBundle) for the Service's DNS name, presenting the client certificate {@code client} (none when null).
     */
    private Reply get(String path, String client, Map<String, List<String>> headers) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = null;
        if (client != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(certs.clientKeyStore(client, client.startsWith("other") ? "other-ca" : "front-proxy-ca"), TestCertificates.PASSWORD);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certs.certificate("serving-ca"));
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(trust);
        tls.init(keys == null ? null : keys.getKeyManagers(), trusted.getTrustManagers(), null);
        HttpsURLConnection c = (HttpsURLConnection) https.toURI().resolve(path).toURL().openConnection();
        c.setSSLSocketFactory(tls.getSocketFactory());
        c.setHostnameVerifier((host, session) -> {
            try {
                return ((X509Certificate) session.getPeerCertificates()[0]).getSubjectAlternativeNames().stream()
                        .anyMatch(n -> TestCertificates.SERVICE_DNS.equals(n.get(1)));
            } catch (Exception e) {
                return false;
            }
        });
        return send(c, headers);
    }

    private Reply plainHttp(String path, Map<String, List<String>> headers) throws Exception {
        return send((java.net.HttpURLConnection) http.toURI().resolve(path).toURL().openConnection(), headers);
    }

    private static Reply send(java.net.HttpURLConnection c, Map<String, List<String>> headers) throws Exception {
        c.setConnectTimeout(10_000);
        c.setReadTimeout(20_000);
        c.setRequestProperty("Accept", "application/json");
        c.setRequestProperty("Connection", "close");
        headers.forEach((name, values) -> values.forEach(v -> c.addRequestProperty(name, v)));
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Reply(status, JSON.readTree(body));
        } finally {
            c.disconnect();
        }
    }
}
