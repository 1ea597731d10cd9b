package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestCase {

    @JsonPropertyDescription("Name of the test; its data are the keys <name>.in and <name>.ans.")
    @Required
    @Pattern("^[a-zA-Z0-9][-_.a-zA-Z0-9]{0,62}$")
    private String name;

    @JsonPropertyDescription("Points the test is worth.")
    @Min(0)
    @Max(1000000)
    @Default("1")
    private Double points = 1.0;

    @JsonPropertyDescription("Subtask group: a group scores only if all its tests pass.")
    @Pattern("^[-_.a-zA-Z0-9]{1,63}$")
    private String group;

    @JsonPropertyDescription("Path of the grading group (spec.gradingGroups) the test belongs to.")
    @Pattern("^$|^[-_.a-zA-Z0-9]+(/[-_.a-zA-Z0-9]+)*$")
    @Size(max = 253)
    private String gradingGroup;

    @JsonPropertyDescription("Whether this is a sample test (shown to users).")
    private Boolean sample;

    @JsonPropertyDescription("Input, inline (tiny problems only).")
    @Size(max = 65536)
    private String input;

    @JsonPropertyDescription("Expected answer, inline (tiny problems only).")
    @Size(max = 65536)
    private String answer;

    public TestCase() {
    }

    public TestCase(String name, double points) {
        this.name = name;
        this.points = points;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Double getPoints() { return points; }
    public void setPoints(Double points) { this.points = points; }
    public String getGroup() { return group; }
    public void setGroup(String group) { this.group = group; }
    public String getGradingGroup() { return gradingGroup; }
    public void setGradingGroup(String gradingGroup) { this.gradingGroup = gradingGroup; }
    public Boolean getSample() { return sample; }
    public void setSample(Boolean sample) { this.sample = sample; }
    public String getInput() { return input; }
    public void setInput(String input) { this.input = input; }
    public String getAnswer() { return answer; }
    public void setAnswer(String answer) { this.answer = answer; }
}
