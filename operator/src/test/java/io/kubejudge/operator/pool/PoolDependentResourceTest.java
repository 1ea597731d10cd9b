package io.kubejudge.operator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.PodResources;
import io.kubejudge.operator.Fixtures;
import org.junit.jupiter.api.Test;

/** When a pool's object is written again: what the API server stored is compared with what the pool wants. */
class PoolDependentResourceTest {

    static JudgeNodePool pool() {
        JudgeNodePool pool = Fixtures.pool("fast", 2);
        PodResources r = new PodResources();
        r.setCpu("1");
        r.setMemory("1Gi");
        pool.getSpec().setResources(r);
        return pool;
    }

    /** The API server writes quantities in canonical form ("2000m" comes back as "2"): that is no change. */
    @Test
    void canonicalQuantitiesAndForeignMetadataAreNoChange() {
        JudgeNodePool pool = pool();
        ResourceQuota desired = PoolResourceQuotaDependentResource.desired(pool);
        assertThat(desired.getSpec().getHard().get("requests.cpu").toString()).isEqualTo("2000m");
        ResourceQuota stored = Serialization.clone(desired);
        stored.getSpec().getHard().put("requests.cpu", new Quantity("2"));
        stored.getSpec().getHard().put("limits.cpu", new Quantity("2"));
        stored.getMetadata().getLabels().put("team", "infra");
        stored.getMetadata().getAnnotations().put("note", "kept");
        assertThat(PoolDependentResource.matches(stored, desired, pool, ResourceQuota::getSpec)).isTrue();
    }

    @Test
    void anAddedRuleAMissingLabelOrALostOwnerIsAChange() {
        JudgeNodePool pool = pool();
        NetworkPolicy desired = PoolNetworkPolicyDependentResource.desired(pool);
        assertThat(PoolDependentResource.matches(Serialization.clone(desired), desired, pool, NetworkPolicy::getSpec)).isTrue();

        NetworkPolicy loosened = Serialization.clone(desired);
        loosened.getSpec().getEgress().add(new NetworkPolicyEgressRuleBuilder().addNewTo().withNewIpBlock()
                .withCidr("0.0.0.0/0").endIpBlock().endTo().build());
        assertThat(PoolDependentResource.matches(loosened, desired, pool, NetworkPolicy::getSpec)).isFalse();

        NetworkPolicy unlabelled = Serialization.clone(desired);
        unlabelled.getMetadata().getLabels().clear();
        assertThat(PoolDependentResource.matches(unlabelled, desired, pool, NetworkPolicy::getSpec)).isFalse();

        NetworkPolicy orphaned = Serialization.clone(desired);
        orphaned.getMetadata().getOwnerReferences().clear();
        assertThat(PoolDependentResource.matches(orphaned, desired, pool, NetworkPolicy::getSpec)).isFalse();
    }
}
