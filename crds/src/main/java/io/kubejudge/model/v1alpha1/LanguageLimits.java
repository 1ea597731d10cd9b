package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.kubejudge.model.result.Language;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class LanguageLimits {

    @JsonPropertyDescription("The language these multipliers apply to.")
    @Required
    private Language language;

    @JsonPropertyDescription("Multiplier of the time limit.")
    @Min(0.1)
    @Max(10)
    private Double timeMultiplier;

    @JsonPropertyDescription("Multiplier of the memory limit.")
    @Min(0.1)
    @Max(10)
    private Double memoryMultiplier;

    public Language getLanguage() { return language; }
    public void setLanguage(Language language) { this.language = language; }
    public Double getTimeMultiplier() { return timeMultiplier; }
    public void setTimeMultiplier(Double timeMultiplier) { this.timeMultiplier = timeMultiplier; }
    public Double getMemoryMultiplier() { return memoryMultiplier; }
    public void setMemoryMultiplier(Double memoryMultiplier) { this.memoryMultiplier = memoryMultiplier; }
}
