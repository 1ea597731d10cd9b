package io.kubejudge.operator.pool;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.operator.JudgeLabels;
import java.util.Map;

/** Metadata shared by the objects a pool owns. */
final class PoolObjects {
    private PoolObjects() {
    }

    static String name(JudgeNodePool pool, String suffix) {
        return "kubejudge-pool-" + pool.getMetadata().getName() + suffix;
    }

    static ObjectMeta metadata(JudgeNodePool pool, String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(pool.getMetadata().getNamespace())
                .withLabels(Map.of(JudgeLabels.MANAGED_BY, JudgeLabels.OPERATOR,
                        io.kubejudge.model.v1alpha1.KubeJudge.LABEL_POOL, pool.getMetadata().getName()))
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(pool.getApiVersion())
                        .withKind(pool.getKind())
                        .withName(pool.getMetadata().getName())
                        .withUid(pool.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .build();
    }
}
