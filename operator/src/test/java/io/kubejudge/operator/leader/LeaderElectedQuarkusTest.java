package io.kubejudge.operator.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.operator.QuarkusMockCluster;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployed operator with kubejudge.leader-election.* set as the chart sets them: it takes the
 * Lease under the configured name, namespace and identity, and reconciles once it leads.
 */
@QuarkusTest
@TestProfile(LeaderElectedQuarkusTest.Elected.class)
@WithKubernetesTestServer(crud = true, setup = QuarkusMockCluster.WithCrdsAndRulesReview.class)
class LeaderElectedQuarkusTest {

    public static class Elected implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubejudge.leader-election.enabled", "true",
                    "kubejudge.leader-election.lease-name", "kubejudge-operator",
                    "kubejudge.leader-election.lease-namespace", "kubejudge",
                    "kubejudge.leader-election.identity", "kubejudge-operator-0",
                    // the test JVM must outlive the operator's shutdown
                    "kubejudge.leader-election.exit-on-loss", "false");
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void takesTheConfiguredLeaseAndReconciles() {
        Lease lease = await().until(() -> client.leases().inNamespace("kubejudge").withName("kubejudge-operator").get(),
                l -> l != null && l.getSpec().getHolderIdentity() != null);
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("kubejudge-operator-0");

        QuarkusMockCluster.createProblemPoolAndSubmission(client);
        QuarkusMockCluster.awaitJudgeJobOfQ1(client);
    }
}
