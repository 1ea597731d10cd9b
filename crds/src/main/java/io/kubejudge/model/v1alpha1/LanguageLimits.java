package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.kubejudge.model.result.Language;
import java.util.List;
import java.util.Optional;

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

    /**
     * The time multiplier a language gets: the first entry naming it (validation refuses
     * a second entry for a language), else the language's default. Operator, API and runner all
     * read it here.
     */
    public static double timeMultiplier(List<LanguageLimits> limits, Language language) {
        return first(limits, language).map(LanguageLimits::getTimeMultiplier).orElse(language.timeMultiplier());
    }

    /** The memory multiplier a language gets, by the rule of {@link #timeMultiplier}. */
    public static double memoryMultiplier(List<LanguageLimits> limits, Language language) {
        return first(limits, language).map(LanguageLimits::getMemoryMultiplier).orElse(language.memoryMultiplier());
    }

    private static Optional<LanguageLimits> first(List<LanguageLimits> limits, Language language) {
        return limits == null ? Optional.empty()
                : limits.stream().filter(l -> l != null && l.getLanguage() == language).findFirst();
    }

    public Language getLanguage() { return language; }
    public void setLanguage(Language language) { this.language = language; }
    public Double getTimeMultiplier() { return timeMultiplier; }
    public void setTimeMultiplier(Double timeMultiplier) { this.timeMultiplier = timeMultiplier; }
    public Double getMemoryMultiplier() { return memoryMultiplier; }
    public void setMemoryMultiplier(Double memoryMultiplier) { this.memoryMultiplier = memoryMultiplier; }
}
