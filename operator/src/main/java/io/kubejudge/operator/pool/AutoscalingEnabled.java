package io.kubejudge.operator.pool;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubejudge.model.v1alpha1.JudgeNodePool;

/**
 * The pool's HPA exists only while the pool has {@code spec.autoscaling}. When this does not hold
 * the workflow deletes the HPA if its informer holds one, so switching autoscaling off deletes it
 * once, and a pool without autoscaling costs no request at all.
 */
public final class AutoscalingEnabled implements Condition<HorizontalPodAutoscaler, JudgeNodePool> {
    @Override
    public boolean isMet(DependentResource<HorizontalPodAutoscaler, JudgeNodePool> dependent, JudgeNodePool pool,
                         Context<JudgeNodePool> context) {
        return pool.getSpec().getAutoscaling() != null;
    }
}
