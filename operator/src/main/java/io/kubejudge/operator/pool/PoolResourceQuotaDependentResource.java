package io.kubejudge.operator.pool;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirementBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.PodResources;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Caps what the pool's judge pods may take: replicas x one pod's resources. A ResourceQuota cannot
 * select pods by label, so it is scoped to pods with an active deadline ({@code Terminating}: judge
 * pods have one, long-running services do not) and, when the pool has a priorityClassName, to
 * that PriorityClass, which makes it exactly the pool's pods. Pools sharing a namespace without
 * their own PriorityClass share the Terminating scope: give each pool a PriorityClass there.
 */
public final class PoolResourceQuotaDependentResource extends PoolDependentResource<ResourceQuota> {
    public PoolResourceQuotaDependentResource() {
        super(ResourceQuota.class, ResourceQuota::getSpec);
    }

    public static String nameOf(JudgeNodePool pool) {
        return PoolObjects.name(pool, "");
    }

    @Override
    String name(JudgeNodePool pool) {
        return nameOf(pool);
    }

    @Override
    protected ResourceQuota desired(JudgeNodePool pool, Context<JudgeNodePool> context) {
        return desired(pool);
    }

    public static ResourceQuota desired(JudgeNodePool pool) {
        int replicas = pool.getSpec().getReplicas() == null ? 0 : pool.getSpec().getReplicas();
        PodResources r = pool.getSpec().getResources() == null ? new PodResources() : pool.getSpec().getResources();
        BigDecimal slots = BigDecimal.valueOf(replicas);
        String cpu = new Quantity(r.getCpu()).getNumericalAmount().multiply(slots).multiply(BigDecimal.valueOf(1000))
                .setScale(0, java.math.RoundingMode.CEILING).toPlainString() + "m";
        String memory = Quantity.getAmountInBytes(new Quantity(r.getMemory())).multiply(slots).toPlainString();
        Map<String, Quantity> hard = new LinkedHashMap<>();
        hard.put("pods", new Quantity(Integer.toString(replicas)));
        hard.put("requests.cpu", new Quantity(cpu));
        hard.put("limits.cpu", new Quantity(cpu));
        hard.put("requests.memory", new Quantity(memory));
        hard.put("limits.memory", new Quantity(memory));
        List<io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement> scopes = new ArrayList<>();
        scopes.add(new ScopedResourceSelectorRequirementBuilder().withScopeName("Terminating").withOperator("Exists").build());
        if (pool.getSpec().getPriorityClassName() != null) {
            scopes.add(new ScopedResourceSelectorRequirementBuilder().withScopeName("PriorityClass").withOperator("In")
                    .withValues(pool.getSpec().getPriorityClassName()).build());
        }
        return new ResourceQuotaBuilder()
                .withMetadata(PoolObjects.metadata(pool, nameOf(pool)))
                .withNewSpec()
                    .withHard(hard)
                    .withNewScopeSelector().withMatchExpressions(scopes).endScopeSelector()
                .endSpec()
                .build();
    }
}
