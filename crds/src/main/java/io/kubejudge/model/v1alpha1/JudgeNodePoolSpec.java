package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import io.kubejudge.model.result.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class JudgeNodePoolSpec {

    @JsonPropertyDescription("Concurrent judge slots: at most this many judge pods run at once (the /scale subresource).")
    @SpecReplicas
    @Min(0)
    @Max(10000)
    @Default("1")
    private Integer replicas = 1;

    @JsonPropertyDescription("Autoscaling of replicas on the queue depth; the operator keeps an HPA for it.")
    private Autoscaling autoscaling;

    @JsonPropertyDescription("Languages this pool judges; empty means all.")
    @Size(max = Language.COUNT)
    private List<Language> languages = new ArrayList<>();

    @JsonPropertyDescription("The judge-runner image of the pool's pods.")
    @Size(min = 1, max = 512)
    @Default("kubejudge/judge-runner:0.1.0")
    private String image = "kubejudge/judge-runner:0.1.0";

    @JsonPropertyDescription("Image pull policy of the pool's pods.")
    @io.fabric8.generator.annotation.Pattern("^(Always|IfNotPresent|Never)$")
    @Default("IfNotPresent")
    private String imagePullPolicy = "IfNotPresent";

    @JsonPropertyDescription("Resources of one judge pod (requests = limits).")
    private PodResources resources;

    @JsonPropertyDescription("Node selector of the pool's pods.")
    private Map<String, String> nodeSelector = new LinkedHashMap<>();

    @JsonPropertyDescription("Tolerations of the pool's pods.")
    private List<Toleration> tolerations = new ArrayList<>();

    @JsonPropertyDescription("Affinity of the pool's pods.")
    private Affinity affinity;

    @JsonPropertyDescription("RuntimeClass of the pool's pods (e.g. gvisor or kata for a stronger sandbox).")
    @io.fabric8.generator.annotation.Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
    private String runtimeClassName;

    @JsonPropertyDescription("Set false to run the pool's pods in a user namespace (hostUsers: false).")
    private Boolean hostUsers;

    @JsonPropertyDescription("The seccomp profile of the pool's pods.")
    private SeccompProfile seccompProfile;

    @JsonPropertyDescription("PriorityClass of the pool's pods.")
    @io.fabric8.generator.annotation.Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
    private String priorityClassName;

    public Integer getReplicas() { return replicas; }
    public void setReplicas(Integer replicas) { this.replicas = replicas; }
    public Autoscaling getAutoscaling() { return autoscaling; }
    public void setAutoscaling(Autoscaling autoscaling) { this.autoscaling = autoscaling; }
    public List<Language> getLanguages() { return languages; }
    public void setLanguages(List<Language> languages) { this.languages = languages; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public String getImagePullPolicy() { return imagePullPolicy; }
    public void setImagePullPolicy(String imagePullPolicy) { this.imagePullPolicy = imagePullPolicy; }
    public PodResources getResources() { return resources; }
    public void setResources(PodResources resources) { this.resources = resources; }
    public Map<String, String> getNodeSelector() { return nodeSelector; }
    public void setNodeSelector(Map<String, String> nodeSelector) { this.nodeSelector = nodeSelector; }
    public List<Toleration> getTolerations() { return tolerations; }
    public void setTolerations(List<Toleration> tolerations) { this.tolerations = tolerations; }
    public Affinity getAffinity() { return affinity; }
    public void setAffinity(Affinity affinity) { this.affinity = affinity; }
    public String getRuntimeClassName() { return runtimeClassName; }
    public void setRuntimeClassName(String runtimeClassName) { this.runtimeClassName = runtimeClassName; }
    public Boolean getHostUsers() { return hostUsers; }
    public void setHostUsers(Boolean hostUsers) { this.hostUsers = hostUsers; }
    public SeccompProfile getSeccompProfile() { return seccompProfile; }
    public void setSeccompProfile(SeccompProfile seccompProfile) { this.seccompProfile = seccompProfile; }
    public String getPriorityClassName() { return priorityClassName; }
    public void setPriorityClassName(String priorityClassName) { this.priorityClassName = priorityClassName; }
}
