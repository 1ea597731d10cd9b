package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.kubejudge.model.v1alpha1.Autoscaling;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.testsupport.RetryOnConflict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pool's own objects follow its spec over its life: the autoscaler appears with autoscaling, follows
 * its bounds and goes with it; the deny-all NetworkPolicy is put back when someone loosens it.
 */
class PoolDependentsE2eTest extends E2eScenario {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theAutoscalerFollowsTheSpecAndALoosenedNetworkPolicyIsRestored() {
        kubejudge.createPool("elastic", 2);
        String hpa = "kubejudge-pool-elastic";

        setAutoscaling(1, 5);
        await().atMost(WAIT).untilAsserted(() -> assertThat(autoscaler(hpa)).isNotNull()
                .satisfies(h -> assertThat(h.getSpec().getMaxReplicas()).isEqualTo(5)));

        setAutoscaling(1, 8);
        await().atMost(WAIT).untilAsserted(() -> assertThat(autoscaler(hpa).getSpec().getMaxReplicas()).isEqualTo(8));

        List<NetworkPolicy> policies = client.network().v1().networkPolicies().inNamespace(namespace).list().getItems();
        assertThat(policies).hasSize(1);
        String policy = policies.get(0).getMetadata().getName();
        RetryOnConflict.edit(client.network().v1().networkPolicies().inNamespace(namespace).withName(policy), p -> {
            p.getSpec().setPolicyTypes(List.of("Ingress"));
            return p;
        });
        kubejudge.setReplicas("elastic", 3);
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.network().v1().networkPolicies().inNamespace(namespace)
                .withName(policy).get().getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress"));

        RetryOnConflict.edit(client.resources(JudgeNodePool.class).inNamespace(namespace).withName("elastic"), p -> {
            p.getSpec().setAutoscaling(null);
            return p;
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(autoscaler(hpa)).isNull());
    }

    private void setAutoscaling(int min, int max) {
        RetryOnConflict.edit(client.resources(JudgeNodePool.class).inNamespace(namespace).withName("elastic"), p -> {
            Autoscaling a = new Autoscaling();
            a.setMinReplicas(min);
            a.setMaxReplicas(max);
            a.setTargetQueuedPerSlot(2);
            p.getSpec().setAutoscaling(a);
            return p;
        });
    }

    private HorizontalPodAutoscaler autoscaler(String name) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(name).get();
    }
}
