package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Quantities as Kubernetes writes them (e.g. {@code 1}, {@code 500m}, {@code 1Gi}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PodResources {

    static final String CPU_PATTERN = "^([0-9]+(\\.[0-9]+)?|[0-9]+m)$";
    static final String BYTES_PATTERN = "^[0-9]+(Ki|Mi|Gi|Ti|k|M|G|T)?$";

    @JsonPropertyDescription("CPU of one judge pod (request = limit).")
    @Pattern(CPU_PATTERN)
    @Default("1")
    private String cpu = "1";

    @JsonPropertyDescription("Memory of one judge pod (request = limit); must exceed the largest problem memory limit.")
    @Pattern(BYTES_PATTERN)
    @Default("1Gi")
    private String memory = "1Gi";

    @JsonPropertyDescription("Size limit of the pod's work directory (emptyDir).")
    @Pattern(BYTES_PATTERN)
    @Default("512Mi")
    private String workVolume = "512Mi";

    public String getCpu() { return cpu; }
    public void setCpu(String cpu) { this.cpu = cpu; }
    public String getMemory() { return memory; }
    public void setMemory(String memory) { this.memory = memory; }
    public String getWorkVolume() { return workVolume; }
    public void setWorkVolume(String workVolume) { this.workVolume = workVolume; }
}
