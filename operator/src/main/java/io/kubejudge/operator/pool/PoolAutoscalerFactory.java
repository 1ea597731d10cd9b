package io.kubejudge.operator.pool;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.kubejudge.api.v1alpha1.Autoscaling;
import io.kubejudge.api.v1alpha1.JudgeNodePool;
import io.kubejudge.api.v1alpha1.KubeJudge;

/**
 * The pool's HorizontalPodAutoscaler: scales {@code spec.replicas} through the pool's /scale
 * subresource on the External metric {@value #QUEUE_DEPTH_METRIC} (queued submissions of this
 * pool, exported by the operator), aiming at {@code targetQueuedPerSlot} queued per slot.
 */
public final class PoolAutoscalerFactory {
    public static final String QUEUE_DEPTH_METRIC = "kubejudge_queue_depth";

    private PoolAutoscalerFactory() {
    }

    public static String name(JudgeNodePool pool) {
        return PoolObjects.name(pool, "");
    }

    public static HorizontalPodAutoscaler desired(JudgeNodePool pool) {
        Autoscaling a = pool.getSpec().getAutoscaling();
        int target = a.getTargetQueuedPerSlot() == null ? 4 : a.getTargetQueuedPerSlot();
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(PoolObjects.metadata(pool, name(pool)))
                .withNewSpec()
                    .withNewScaleTargetRef()
                        .withApiVersion(KubeJudge.GROUP + "/" + KubeJudge.VERSION)
                        .withKind("JudgeNodePool")
                        .withName(pool.getMetadata().getName())
                    .endScaleTargetRef()
                    // An HPA cannot scale to zero unless the HPAScaleToZero feature gate is on.
                    .withMinReplicas(Math.max(1, a.getMinReplicas()))
                    .withMaxReplicas(a.getMaxReplicas())
                    .withMetrics(new MetricSpecBuilder()
                            .withType("External")
                            .withNewExternal()
                                .withNewMetric()
                                    .withName(QUEUE_DEPTH_METRIC)
                                    .withNewSelector()
                                        .addToMatchLabels("namespace", pool.getMetadata().getNamespace())
                                        .addToMatchLabels("pool", pool.getMetadata().getName())
                                    .endSelector()
                                .endMetric()
                                .withNewTarget()
                                    .withType("AverageValue")
                                    .withAverageValue(new Quantity(Integer.toString(target)))
                                .endTarget()
                            .endExternal()
                            .build())
                .endSpec()
                .build();
    }
}
