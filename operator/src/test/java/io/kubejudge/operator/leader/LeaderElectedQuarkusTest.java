package io.kubejudge.operator.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.operator.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The deployed operator with kubejudge.leader-election.* set as the chart sets them: it takes the
 * Lease under the configured name, namespace and identity, and reconciles once it leads.
 */
@QuarkusTest
@TestProfile(LeaderElectedQuarkusTest.Elected.class)
@WithKubernetesTestServer(crud = true, setup = LeaderElectedQuarkusTest.Setup.class)
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

    /**
     * The CRDs, and the SelfSubjectRulesReview java-operator-sdk asks before it uses a Lease: the
     * mock has no RBAC, so it answers as an API server does for a caller allowed everything.
     */
    public static class Setup implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            io.kubejudge.testsupport.Crds.install(server.getClient());
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectRulesReview\","
                            + "\"metadata\":{},\"spec\":{},\"status\":{\"incomplete\":false,\"nonResourceRules\":[],"
                            + "\"resourceRules\":[{\"verbs\":[\"*\"],\"apiGroups\":[\"*\"],\"resources\":[\"*\"]}]}}")
                    .always();
        }
    }

    @Inject
    KubernetesClient client;

    @Test
    void takesTheConfiguredLeaseAndReconciles() {
        Lease lease = await().until(() -> client.leases().inNamespace("kubejudge").withName("kubejudge-operator").get(),
                l -> l != null && l.getSpec().getHolderIdentity() != null);
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("kubejudge-operator-0");

        var problem = Fixtures.problem("aplusb", 1);
        problem.getMetadata().setUid(null);
        client.resource(problem).create();
        var pool = Fixtures.pool("default", 1);
        pool.getMetadata().setUid(null);
        client.resource(pool).create();
        var submission = Fixtures.submission("q1");
        submission.getMetadata().setUid(null);
        client.resource(submission).create();
        await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("q1-1").get() != null);
    }
}
