package io.kubejudge.operator.pool;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubejudge.model.v1alpha1.Autoscaling;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.KubeJudge;

/**
 * The pool's HorizontalPodAutoscaler: scales {@code spec.replicas} through the pool's /scale
 * subresource on the External metric {@value #QUEUE_DEPTH_METRIC} (queued submissions of this
 * pool, exported by the operator), aiming at {@code targetQueuedPerSlot} queued per slot.
 */
public final class PoolAutoscalerDependentResource extends PoolDependentResource<HorizontalPodAutoscaler> {
    public static final String QUEUE_DEPTH_METRIC = "kubejudge_queue_depth";

    public PoolAutoscalerDependentResource() {
        super(HorizontalPodAutoscaler.class, HorizontalPodAutoscaler::getSpec);
    }

    public static String nameOf(JudgeNodePool pool) {
        return PoolObjects.name(pool, "");
    }

    @Override
    String name(JudgeNodePool pool) {
        return nameOf(pool);
    }

    @Override
    protected HorizontalPodAutoscaler desired(JudgeNodePool pool, Context<JudgeNodePool> context) {
        return desired(pool);
    }

    /**
     * The HPA's floor: {@code spec.autoscaling.minReplicas}, but at least 1. autoscaling/v2 refuses
     * {@code minReplicas: 0} unless the alpha HPAScaleToZero feature gate is on, so passing 0
     * through would make the API server reject the HPA and the pool lose its autoscaling on most
     * clusters. A pool with minReplicas 0 can still sit at zero slots: scaled there by hand
     * ({@code kubectl scale}, {@code POST /cluster/scale}), its HPA sees a target at 0 replicas and
     * leaves it alone ("ScalingDisabled") until it is scaled up by hand again, which is what an
     * administrator who empties a pool means. The HPA never takes a pool to zero on its own.
     */
    static int minReplicas(Autoscaling a) {
        return a.getMinReplicas() == null ? 1 : Math.max(1, a.getMinReplicas());
    }

    /** Only for a pool with {@code spec.autoscaling} ({@link AutoscalingEnabled} keeps the others without one). */
    public static HorizontalPodAutoscaler desired(JudgeNodePool pool) {
        Autoscaling a = pool.getSpec().getAutoscaling();
        int target = a.getTargetQueuedPerSlot() == null ? 4 : a.getTargetQueuedPerSlot();
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(PoolObjects.metadata(pool, nameOf(pool)))
                .withNewSpec()
                    .withNewScaleTargetRef()
                        .withApiVersion(KubeJudge.GROUP + "/" + KubeJudge.VERSION)
                        .withKind("JudgeNodePool")
                        .withName(pool.getMetadata().getName())
                    .endScaleTargetRef()
                    .withMinReplicas(minReplicas(a))
                    .withMaxReplicas(Math.max(minReplicas(a), a.getMaxReplicas() == null ? 1 : a.getMaxReplicas()))
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
