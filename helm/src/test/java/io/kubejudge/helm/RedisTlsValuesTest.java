package io.kubejudge.helm;

import static io.kubejudge.helm.DefaultValuesTest.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

/** Redis with TLS: the chart passes the CA Secret to the operator and the API; API token settings. */
class RedisTlsValuesTest {

    private static PodSpec pod(Rendering r, String deployment) {
        return r.one(Deployment.class, deployment).getSpec().getTemplate().getSpec();
    }

    @Test
    void theBundledRedisServesTlsOnlyAndBothComponentsTrustItsCa() {
        Rendering r = ValueSets.render("redis-tls-values.yaml");

        Container redis = r.one(StatefulSet.class, "kubejudge-redis").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(String.join(" ", redis.getArgs())).contains("--port 0 --tls-port 6379")
                .contains("--tls-cert-file /etc/redis-tls/tls.crt").contains("--requirepass $(REDIS_PASSWORD)");
        assertThat(r.one(StatefulSet.class, "kubejudge-redis").getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getName().equals("tls")).singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("kubejudge-redis-tls"));

        for (String component : new String[] {"kubejudge-operator", "kubejudge-api"}) {
            PodSpec pod = pod(r, component);
            assertThat(env(pod.getContainers().get(0))).as(component)
                    .containsEntry("KUBEJUDGE_REDIS_TLS_ENABLED", "true")
                    .containsEntry("KUBEJUDGE_REDIS_TLS_VERIFY_HOSTNAME", "true")
                    .containsEntry("KUBEJUDGE_REDIS_TLS_CA_FILE", "/etc/kubejudge/redis-ca/ca.crt")
                    .containsEntry("KUBEJUDGE_REDIS_HOST", "kubejudge-redis.kubejudge.svc")
                    .containsKey("KUBEJUDGE_REDIS_PASSWORD");
            Volume ca = pod.getVolumes().stream().filter(v -> v.getName().equals("redis-ca")).findFirst().orElseThrow();
            assertThat(ca.getSecret().getSecretName()).isEqualTo("kubejudge-redis-tls");
            assertThat(pod.getContainers().get(0).getVolumeMounts())
                    .anySatisfy(m -> {
                        assertThat(m.getName()).isEqualTo("redis-ca");
                        assertThat(m.getMountPath()).isEqualTo("/etc/kubejudge/redis-ca");
                        assertThat(m.getReadOnly()).isTrue();
                    });
        }
    }

    @Test
    void anExternalRedissUrlTurnsTlsOnWithTheJvmsTrustStore() {
        Rendering r = ValueSets.chart().render(new RenderRequest()
                .set("redis.enabled", "false").set("redis.external.url", "rediss://cache.example.com:6380"));
        for (String component : new String[] {"kubejudge-operator", "kubejudge-api"}) {
            assertThat(env(pod(r, component).getContainers().get(0))).as(component)
                    .containsEntry("KUBEJUDGE_REDIS_HOST", "cache.example.com")
                    .containsEntry("KUBEJUDGE_REDIS_PORT", "6380")
                    .containsEntry("KUBEJUDGE_REDIS_TLS_ENABLED", "true")
                    .doesNotContainKey("KUBEJUDGE_REDIS_TLS_CA_FILE");
            assertThat(pod(r, component).getVolumes()).extracting(Volume::getName).doesNotContain("redis-ca");
        }
    }

    @Test
    void withoutTlsNothingChanges() {
        Rendering r = ValueSets.render(ValueSets.DEFAULTS);
        for (String component : new String[] {"kubejudge-operator", "kubejudge-api"}) {
            assertThat(env(pod(r, component).getContainers().get(0))).as(component)
                    .doesNotContainKey("KUBEJUDGE_REDIS_TLS_ENABLED");
        }
        assertThat(String.join(" ", r.one(StatefulSet.class, "kubejudge-redis").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getArgs())).doesNotContain("tls");
    }

    @Test
    void tlsForTheBundledRedisNeedsItsCertificate() {
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest().set("redis.tls.enabled", "true")))
                .isInstanceOf(ChartException.class)
                .hasMessageContaining("redis.tls.certificateSecret: required with redis.tls.enabled and the bundled Redis");
    }

    @Test
    void theApiChecksTheAudienceAndMayVerifyWithAJwksUrl() {
        Rendering r = ValueSets.render("redis-tls-values.yaml");
        assertThat(env(pod(r, "kubejudge-api").getContainers().get(0)))
                .containsEntry("MP_JWT_VERIFY_AUDIENCES", "judge.example.com")
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "https://login.example.com/.well-known/jwks.json");
        assertThat(env(pod(ValueSets.render(ValueSets.DEFAULTS), "kubejudge-api").getContainers().get(0)))
                .containsEntry("MP_JWT_VERIFY_AUDIENCES", "kubejudge-api");
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest()
                .set("api.jwt.jwksUrl", "https://idp/jwks").set("api.jwt.publicKey.existingSecret", "k")))
                .hasMessageContaining("api.jwt.publicKey: set only one of existingSecret, existingConfigMap and pem, or api.jwt.jwksUrl");
    }
}
