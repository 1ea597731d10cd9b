package io.kubejudge.operator.pool;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.operator.JudgeLabels;

/**
 * Denies all ingress and egress of the pool's judge pods: both policy types with no rule. Judged
 * programs need no network, and the pods report through the kubelet (termination messages, logs).
 */
public final class PoolNetworkPolicyDependentResource extends PoolDependentResource<NetworkPolicy> {
    public PoolNetworkPolicyDependentResource() {
        super(NetworkPolicy.class, NetworkPolicy::getSpec);
    }

    public static String nameOf(JudgeNodePool pool) {
        return PoolObjects.name(pool, "-deny-all");
    }

    @Override
    String name(JudgeNodePool pool) {
        return nameOf(pool);
    }

    @Override
    protected NetworkPolicy desired(JudgeNodePool pool, Context<JudgeNodePool> context) {
        return desired(pool);
    }

    public static NetworkPolicy desired(JudgeNodePool pool) {
        return new NetworkPolicyBuilder()
                .withMetadata(PoolObjects.metadata(pool, nameOf(pool)))
                .withNewSpec()
                    .withNewPodSelector().withMatchLabels(JudgeLabels.poolSelector(pool.getMetadata().getName())).endPodSelector()
                    .withPolicyTypes("Ingress", "Egress")
                .endSpec()
                .build();
    }
}
