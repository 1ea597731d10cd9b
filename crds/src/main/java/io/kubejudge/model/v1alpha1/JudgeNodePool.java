package io.kubejudge.model.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A pool of judge capacity: {@code spec.replicas} concurrent judge slots, scaled through the
 * {@code /scale} subresource by an HPA or {@code kubectl scale}.
 */
@Group(KubeJudge.GROUP)
@Version(KubeJudge.VERSION)
// Spelled out, or fabric8 derives both with regular expressions in every constructor call
// (every object read from the API server, every clone).
@Plural("judgenodepools")
@Singular("judgenodepool")
@ShortNames({"jnp", "pool"})
@Categories(KubeJudge.CATEGORY)
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".spec.replicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Running", jsonPath = ".status.running", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Queued", jsonPath = ".status.queued", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class JudgeNodePool extends CustomResource<JudgeNodePoolSpec, JudgeNodePoolStatus> implements Namespaced {
}
