package io.kubejudge.operator.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.QuarkusMockCluster;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replica that does not lead (another one holds the Lease): it is ready, so that a rolling update
 * of the Deployment proceeds, and it reconciles nothing.
 */
@QuarkusTest
@TestProfile(FollowerQuarkusTest.Follower.class)
@WithKubernetesTestServer(crud = true, setup = FollowerQuarkusTest.Setup.class)
class FollowerQuarkusTest {

    public static class Follower implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubejudge.leader-election.enabled", "true",
                    "kubejudge.leader-election.lease-namespace", "kubejudge",
                    "kubejudge.leader-election.identity", "kubejudge-operator-1",
                    "kubejudge.leader-election.exit-on-loss", "false");
        }
    }

    /** As LeaderElectedQuarkusTest's, plus a Lease renewed just now by another replica, for an hour. */
    public static class Setup extends QuarkusMockCluster.WithCrdsAndRulesReview {
        @Override
        public void accept(KubernetesServer server) {
            super.accept(server);
            ZonedDateTime now = ZonedDateTime.now();
            server.getClient().resource(new LeaseBuilder().withNewMetadata().withName("kubejudge-operator")
                    .withNamespace("kubejudge").endMetadata().withNewSpec().withHolderIdentity("kubejudge-operator-0")
                    .withLeaseDurationSeconds(3600).withAcquireTime(now).withRenewTime(now)
                    .withLeaseTransitions(0).endSpec().build()).create();
        }
    }

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @Test
    void isReadyAndReconcilesNothing() throws Exception {
        QuarkusMockCluster.createProblemPoolAndSubmission(client);

        HttpResponse<String> health = await().until(() -> QuarkusMockCluster.get(ready.toURI()),
                r -> r.statusCode() == 200);
        assertThat(health.body()).contains("\"status\": \"UP\"");

        Thread.sleep(3000); // what a leader would have done by now (it admits in milliseconds)
        assertThat(client.batch().v1().jobs().inNamespace(Fixtures.NS).list().getItems()).isEmpty();
        assertThat(client.resources(io.kubejudge.model.v1alpha1.JudgeSubmission.class).inNamespace(Fixtures.NS)
                .withName("q1").get().getStatus()).as("not even validated").isNull();
        assertThat(client.leases().inNamespace("kubejudge").withName("kubejudge-operator").get().getSpec().getHolderIdentity())
                .isEqualTo("kubejudge-operator-0");
    }
}
