package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "self.minReplicas <= self.maxReplicas", message = "autoscaling.minReplicas must not exceed autoscaling.maxReplicas")
public class Autoscaling {

    @JsonPropertyDescription("Fewest judge slots the HPA may set. The HPA itself never goes below 1 (autoscaling/v2 refuses "
            + "minReplicas 0 without the alpha HPAScaleToZero feature gate); 0 lets the pool stay at zero slots when scaled there "
            + "by hand (kubectl scale, POST /cluster/scale): the HPA leaves a pool at 0 alone until it is scaled up again.")
    @Required
    @Min(0)
    @Max(10000)
    private Integer minReplicas;

    @JsonPropertyDescription("Most judge slots the HPA may set.")
    @Required
    @Min(1)
    @Max(10000)
    private Integer maxReplicas;

    @JsonPropertyDescription("Queued submissions per slot the HPA aims for.")
    @Min(1)
    @Max(10000)
    @Default("4")
    private Integer targetQueuedPerSlot = 4;

    public Integer getMinReplicas() { return minReplicas; }
    public void setMinReplicas(Integer minReplicas) { this.minReplicas = minReplicas; }
    public Integer getMaxReplicas() { return maxReplicas; }
    public void setMaxReplicas(Integer maxReplicas) { this.maxReplicas = maxReplicas; }
    public Integer getTargetQueuedPerSlot() { return targetQueuedPerSlot; }
    public void setTargetQueuedPerSlot(Integer targetQueuedPerSlot) { this.targetQueuedPerSlot = targetQueuedPerSlot; }
}
