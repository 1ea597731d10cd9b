package io.kubejudge.operator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.kubejudge.model.v1alpha1.Autoscaling;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.operator.Fixtures;
import org.junit.jupiter.api.Test;

class PoolAutoscalerDependentResourceTest {

    static HorizontalPodAutoscaler hpaFor(Integer min, Integer max) {
        JudgeNodePool pool = Fixtures.pool("fast", 0);
        Autoscaling a = new Autoscaling();
        a.setMinReplicas(min);
        a.setMaxReplicas(max);
        pool.getSpec().setAutoscaling(a);
        return PoolAutoscalerDependentResource.desired(pool);
    }

    /** autoscaling/v2 refuses minReplicas 0 without the HPAScaleToZero alpha gate: the HPA must stay valid. */
    @Test
    void minReplicasZeroGivesAnHpaFloorOfOne() {
        HorizontalPodAutoscaler hpa = hpaFor(0, 8);
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(8);
    }

    @Test
    void otherBoundsAreCopiedAsGiven() {
        assertThat(hpaFor(3, 8).getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpaFor(1, 1).getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpaFor(1, 1).getSpec().getMaxReplicas()).isEqualTo(1);
    }

    /** What an API server without the CRD's validation lets through must not yield an HPA the real one refuses. */
    @Test
    void boundsTheSchemaWouldRefuseStillGiveAValidHpa() {
        HorizontalPodAutoscaler missing = hpaFor(null, null);
        assertThat(missing.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(missing.getSpec().getMaxReplicas()).isEqualTo(1);
        HorizontalPodAutoscaler zeroZero = hpaFor(0, 0);
        assertThat(zeroZero.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(zeroZero.getSpec().getMinReplicas());
    }
}
