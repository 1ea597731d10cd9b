package io.kubejudge.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A wrong value fails `helm template` (and install) with a message naming the key. */
class ValueValidationTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "operator.replicaz      | 2          | at '/operator': additional properties 'replicaz' not allowed",
            "redis.enabld           | false      | at '/redis': additional properties 'enabld' not allowed",
            "defaultpool.enabled    | false      | additional properties 'defaultpool' not allowed",
            "operator.replicas      | two        | at '/operator/replicas': got string, want integer",
            "operator.watch.mode    | everywhere | at '/operator/watch/mode': value must be one of 'cluster', 'namespaces'",
            "defaultPool.languages[0] | cobol    | at '/defaultPool/languages/0'",
            "judges.namespace       | Judges_NS  | at '/judges/namespace'",
            "redis.external.url     | http://x   | at '/redis/external/url'",
            "defaultPool.seccompProfile.type | Unconfined | at '/defaultPool/seccompProfile/type'",
    })
    void aWrongValueFailsNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest().set(key, value)))
                .isInstanceOf(ChartException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aStringWhereANumberBelongsFailsEvenFromSetString() {
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest().setString("api.replicas", "2")))
                .hasMessageContaining("at '/api/replicas': got string, want integer");
    }

    @Test
    void twoOperatorsWithoutLeaderElectionAreRefused() {
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest()
                .set("operator.leaderElection.enabled", "false").set("operator.replicas", "2")))
                .hasMessageContaining("operator.replicas: more than 1 operator needs operator.leaderElection.enabled=true");
    }

    @Test
    void theChartDoesNotCreateTheReleaseNamespaceAsTheJudgesOne() {
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest().namespace("judging")
                .set("judges.namespace", "judging")))
                .hasMessageContaining("judges.createNamespace: the judges' namespace is the release namespace");
    }

    @Test
    void aNamespacedOperatorMustWatchTheJudgesNamespace() {
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest()
                .set("operator.watch.mode", "namespaces").set("operator.watch.namespaces[0]", "elsewhere")))
                .hasMessageContaining("operator.watch.namespaces: must include the judges' namespace kubejudge-judges");
    }

    @Test
    void externalRedisNeedsItsUrl() {
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest().set("redis.enabled", "false")))
                .hasMessageContaining("redis.external.url: required when redis.enabled=false");
    }

    @Test
    void aLocalhostSeccompProfileNeedsItsPath() {
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest().set("defaultPool.seccompProfile.type", "Localhost")))
                .hasMessageContaining("defaultPool.seccompProfile.localhostProfile: required with type Localhost");
    }

    @Test
    void onlyOneJwtKeySource() {
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest()
                .set("api.jwt.publicKey.existingSecret", "a").set("api.jwt.publicKey.existingConfigMap", "b")))
                .hasMessageContaining("api.jwt.publicKey: set only one of existingSecret, existingConfigMap and pem");
    }

    @Test
    void autoscalingBoundsInOrder() {
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest()
                .set("defaultPool.autoscaling.minReplicas", "30")))
                .hasMessageContaining("defaultPool.autoscaling.minReplicas must not exceed defaultPool.autoscaling.maxReplicas");
    }
}
