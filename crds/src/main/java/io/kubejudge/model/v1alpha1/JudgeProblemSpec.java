package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.kubejudge.model.result.Language;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "(has(self.dataConfigMaps) && size(self.dataConfigMaps) > 0) || self.tests.all(t, has(t.input) && has(t.answer))",
        message = "every test needs inline input and answer unless spec.dataConfigMaps names the ConfigMaps holding them")
public class JudgeProblemSpec {

    @JsonPropertyDescription("Human-readable title of the problem.")
    @Size(max = 200)
    private String title;

    @JsonPropertyDescription("CPU time limit per test, in milliseconds (before language multipliers).")
    @Required
    @Min(1)
    @Max(60000)
    private Integer timeLimitMs;

    @JsonPropertyDescription("Memory limit per test, in MiB (before language multipliers).")
    @Required
    @Min(16)
    @Max(8192)
    private Integer memoryLimitMiB;

    @JsonPropertyDescription("Largest output a test may write, in MiB.")
    @Min(1)
    @Max(1024)
    @Default("64")
    private Integer outputLimitMiB = 64;

    @JsonPropertyDescription("Languages accepted for this problem; empty means every language KubeJudge knows.")
    @Size(max = 5)
    private List<Language> languages = new ArrayList<>();

    @JsonPropertyDescription("How outputs are compared with the expected answers.")
    private Checker checker;

    @JsonPropertyDescription("The tests, judged in this order.")
    @Required
    @Size(min = 1, max = 1000)
    private List<TestCase> tests = new ArrayList<>();

    @JsonPropertyDescription("ConfigMaps holding the test data as keys <test>.in and <test>.ans (split over several when large).")
    @Size(max = 64)
    private List<String> dataConfigMaps = new ArrayList<>();

    @JsonPropertyDescription("Per-language multipliers of the time and memory limits (e.g. Java and Python get more time).")
    @Size(max = 5)
    private List<LanguageLimits> languageLimits = new ArrayList<>();

    @JsonPropertyDescription("Stop judging at the first test that is not accepted.")
    @Default("false")
    private Boolean stopOnFirstFailure = false;

    @JsonPropertyDescription("Kattis grading (ICPC/Kattis packages): the test data groups, graded bottom up with their grader flags;"
            + " when present they decide the verdict and score instead of points and groups.")
    @Size(max = 1000)
    private List<GradingGroup> gradingGroups = new ArrayList<>();

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public Integer getTimeLimitMs() { return timeLimitMs; }
    public void setTimeLimitMs(Integer timeLimitMs) { this.timeLimitMs = timeLimitMs; }
    public Integer getMemoryLimitMiB() { return memoryLimitMiB; }
    public void setMemoryLimitMiB(Integer memoryLimitMiB) { this.memoryLimitMiB = memoryLimitMiB; }
    public Integer getOutputLimitMiB() { return outputLimitMiB; }
    public void setOutputLimitMiB(Integer outputLimitMiB) { this.outputLimitMiB = outputLimitMiB; }
    public List<Language> getLanguages() { return languages; }
    public void setLanguages(List<Language> languages) { this.languages = languages; }
    public Checker getChecker() { return checker; }
    public void setChecker(Checker checker) { this.checker = checker; }
    public List<TestCase> getTests() { return tests; }
    public void setTests(List<TestCase> tests) { this.tests = tests; }
    public List<String> getDataConfigMaps() { return dataConfigMaps; }
    public void setDataConfigMaps(List<String> dataConfigMaps) { this.dataConfigMaps = dataConfigMaps; }
    public List<LanguageLimits> getLanguageLimits() { return languageLimits; }
    public void setLanguageLimits(List<LanguageLimits> languageLimits) { this.languageLimits = languageLimits; }
    public List<GradingGroup> getGradingGroups() { return gradingGroups; }
    public void setGradingGroups(List<GradingGroup> gradingGroups) { this.gradingGroups = gradingGroups; }
    public Boolean getStopOnFirstFailure() { return stopOnFirstFailure; }
    public void setStopOnFirstFailure(Boolean stopOnFirstFailure) { this.stopOnFirstFailure = stopOnFirstFailure; }
}
