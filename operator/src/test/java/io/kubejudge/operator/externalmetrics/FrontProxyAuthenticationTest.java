package io.kubejudge.operator.externalmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kubejudge.operator.MockCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The user a front proxy forwards, read from its headers as Kubernetes' request-header authenticator
 * reads them, and the front proxy's settings followed as kube-apiserver changes them.
 */
class FrontProxyAuthenticationTest {

    private final TestCertificates certs = TestCertificates.get();
    private final MockCluster cluster = new MockCluster();
    private final MovableClock clock = new MovableClock(Instant.now());
    private final FrontProxyAuthentication authentication =
            new FrontProxyAuthentication(new ExtensionApiserverAuthentication(cluster.client(), clock), clock);

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void theHeadersNameTheUserOnlyBehindAnAllowedProxyCertificate() throws Exception {
        publish("front-proxy-ca.crt", "[]");
        Map<String, List<String>> headers = Map.of(
                "x-remote-user", List.of(""), "x-forwarded-user", List.of("alice", "mallory"),
                "x-remote-uid", List.of("1234"),
                "x-remote-group", List.of("devs", "system:authenticated"), "x-other-group", List.of("ops"),
                "x-remote-extra-scopes", List.of("read", "write"), "x-remote-extra-example.com%2fteam", List.of("judges"));
        RemoteUser user = authentication.authenticate(List.of(certs.certificate("not-a-proxy")), headers);
        assertThat(user.name()).as("the first username header with a value, its first value").isEqualTo("alice");
        assertThat(user.uid()).isEqualTo("1234");
        assertThat(user.groups()).containsExactly("devs", "system:authenticated", "ops");
        assertThat(user.extra()).containsEntry("scopes", List.of("read", "write")).containsEntry("example.com/team", List.of("judges"));

        assertThatThrownBy(() -> authentication.authenticate(List.of(), headers))
                .isInstanceOf(FrontProxyAuthentication.Unauthenticated.class).hasMessageContaining("no client certificate");
        assertThatThrownBy(() -> authentication.authenticate(List.of(certs.certificate("other-proxy")), headers))
                .hasMessageContaining("not signed by the front proxy's CA");
    }

    @Test
    void aRotatedFrontProxyCaIsFollowedWithinTheRefreshAndAMissingOneRefusesEveryone() throws Exception {
        Map<String, List<String>> headers = Map.of("x-remote-user", List.of("hpa"));
        assertThatThrownBy(() -> authentication.authenticate(List.of(certs.certificate("front-proxy")), headers))
                .hasMessageContaining("no ConfigMap kube-system/extension-apiserver-authentication");
        publish("front-proxy-ca.crt", "[\"" + TestCertificates.PROXY_NAME + "\"]");
        assertThat(authentication.authenticate(List.of(certs.certificate("front-proxy")), headers).name()).isEqualTo("hpa");

        publish("other-ca.crt", "[\"" + TestCertificates.PROXY_NAME + "\"]");
        assertThat(authentication.authenticate(List.of(certs.certificate("front-proxy")), headers).name())
                .as("read at most once a minute").isEqualTo("hpa");
        clock.advance(ExtensionApiserverAuthentication.REFRESH.plusSeconds(1));
        assertThat(authentication.authenticate(List.of(certs.certificate("other-proxy")), headers).name()).isEqualTo("hpa");
        assertThatThrownBy(() -> authentication.authenticate(List.of(certs.certificate("front-proxy")), headers))
                .hasMessageContaining("not signed by the front proxy's CA");
    }

    private void publish(String ca, String allowedNames) {
        cluster.client().configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("extension-apiserver-authentication").withNamespace("kube-system").endMetadata()
                        .addToData("requestheader-client-ca-file", certs.pem(ca))
                        .addToData("requestheader-allowed-names", allowedNames)
                        .addToData("requestheader-username-headers", "[\"X-Remote-User\", \"X-Forwarded-User\"]")
                        .addToData("requestheader-uid-headers", "[\"X-Remote-Uid\"]")
                        .addToData("requestheader-group-headers", "[\"X-Remote-Group\", \"X-Other-Group\"]")
                        .addToData("requestheader-extra-headers-prefix", "[\"X-Remote-Extra-\"]")
                        .build())
                .createOr(existing -> existing.update());
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
