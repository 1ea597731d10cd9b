package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class JudgeNodePoolStatus {

    @JsonPropertyDescription("Judge slots in effect (the /scale subresource's status replicas).")
    @StatusReplicas
    private Integer replicas;

    @JsonPropertyDescription("Judge Jobs running now.")
    private Integer running;

    @JsonPropertyDescription("Submissions waiting for a slot.")
    private Integer queued;

    @JsonPropertyDescription("Label selector of the pool's judge pods (for the /scale subresource).")
    @LabelSelector
    private String labelSelector;

    @JsonPropertyDescription("Ready, Saturated and Degraded, in the usual Kubernetes shape.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("When replicas last changed (RFC 3339).")
    private String lastScaleTime;

    @JsonPropertyDescription("The generation of the spec this status describes.")
    private Long observedGeneration;

    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public Integer getRunning() { return running; }
    public void setRunning(Integer running) { this.running = running; }
    public Integer getQueued() { return queued; }
    public void setQueued(Integer queued) { this.queued = queued; }
    public String getLabelSelector() { return labelSelector; }
    public void setLabelSelector(String labelSelector) { this.labelSelector = labelSelector; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public String getLastScaleTime() { return lastScaleTime; }
    public void setLastScaleTime(String lastScaleTime) { this.lastScaleTime = lastScaleTime; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
}
