package io.kubejudge.operator.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.MockCluster;
import io.kubejudge.operator.OperatorSettings;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two operator replicas with leader election: one reconciles, the other takes over when it goes. */
class LeaderElectionTest {
    MockCluster cluster;
    KubernetesClient clientA;
    KubernetesClient clientB;
    KubeJudgeOperator a;
    KubeJudgeOperator b;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        clientA = cluster.client();
        clientB = new KubernetesClientBuilder().withConfig(clientA.getConfiguration()).build();
        clientA.resource(Fixtures.problem("aplusb", 2)).create();
        clientA.resource(Fixtures.pool("default", 1)).create();
    }

    @AfterEach
    void stop() {
        for (KubeJudgeOperator op : new KubeJudgeOperator[] {a, b}) {
            if (op != null) {
                op.stop();
            }
        }
        clientB.close();
        cluster.close();
    }

    /** Short timings so that a takeover happens within the test; no exit on loss in a test JVM. */
    static OperatorSettings replica(String identity) {
        return OperatorSettings.builder().namespaces(Set.of(Fixtures.NS)).reconcileThreads(4)
                .leaderLease(new LeaderLease("kubejudge-operator", Fixtures.NS, identity, Duration.ofSeconds(3),
                        Duration.ofSeconds(2), Duration.ofMillis(250), false))
                .build();
    }

    Lease lease() {
        return clientA.leases().inNamespace(Fixtures.NS).withName("kubejudge-operator").get();
    }

    @Test
    void onlyTheLeaderReconcilesAndTheOtherTakesOverWhenItStops() {
        a = KubeJudgeOperator.start(clientA, replica("op-a"));
        b = KubeJudgeOperator.start(clientB, replica("op-b"));
        JudgeSubmission s = Fixtures.submission("s1");
        s.getMetadata().setUid(null);
        clientA.resource(s).create();
        await().until(() -> clientA.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get() != null);

        String holder = await().until(() -> lease() == null ? null : lease().getSpec().getHolderIdentity(),
                h -> h != null);
        assertThat(holder).isIn("op-a", "op-b");
        KubeJudgeOperator leader = holder.equals("op-a") ? a : b;
        KubeJudgeOperator follower = holder.equals("op-a") ? b : a;
        String followerName = holder.equals("op-a") ? "op-b" : "op-a";
        // The queue fills only in reconciliations: the leader's holds the admitted submission.
        assertThat(leader.components().queue().pools()).isNotEmpty();
        assertThat(follower.components().queue().pools()).as("the follower reconciled nothing").isEmpty();

        leader.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> followerName.equals(lease().getSpec().getHolderIdentity()));
        await().until(() -> !follower.components().queue().pools().isEmpty());
        assertThat(clientA.batch().v1().jobs().inNamespace(Fixtures.NS).list().getItems())
                .as("the new leader found the running judging, it did not start another").hasSize(1);
    }

    @Test
    void theDeployedLeaseUsesJavaOperatorSdkTimingsAndExitsWhenLost() {
        LeaderElectionConfiguration c = LeaderLease.deployed("kubejudge-operator", "kubejudge", "kubejudge-operator-7f9-abc")
                .configuration();
        assertThat(c.getLeaseName()).isEqualTo("kubejudge-operator");
        assertThat(c.getLeaseNamespace()).contains("kubejudge");
        assertThat(c.getIdentity()).contains("kubejudge-operator-7f9-abc");
        assertThat(c.getLeaseDuration()).isEqualTo(LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE);
        assertThat(c.isExitOnStopLeading()).isTrue();
        assertThat(LeaderLease.deployed("l", "", "me").configuration().getLeaseNamespace())
                .as("blank: the client's (the pod's) namespace").isEmpty();
        assertThatThrownBy(() -> LeaderLease.deployed(" ", null, "me"))
                .hasMessageContaining("kubejudge.leader-election.lease-name");
        assertThatThrownBy(() -> new LeaderLease("l", null, "me", Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(100), false)).hasMessageContaining("renew deadline");
    }
}
