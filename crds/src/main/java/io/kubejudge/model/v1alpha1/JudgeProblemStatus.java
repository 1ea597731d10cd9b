package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class JudgeProblemStatus {

    @JsonPropertyDescription("Number of tests.")
    private Integer testCount;

    @JsonPropertyDescription("Sum of the points of all tests.")
    private Double totalPoints;

    @JsonPropertyDescription("What is wrong with the problem (missing ConfigMaps or keys, ...); empty when it can be judged. "
            + "Submissions to a problem with errors are rejected.")
    private List<String> validationErrors = new ArrayList<>();

    @JsonPropertyDescription("The generation of the spec this status describes.")
    private Long observedGeneration;

    public Integer getTestCount() { return testCount; }
    public void setTestCount(Integer testCount) { this.testCount = testCount; }
    public Double getTotalPoints() { return totalPoints; }
    public void setTotalPoints(Double totalPoints) { this.totalPoints = totalPoints; }
    public List<String> getValidationErrors() { return validationErrors; }
    public void setValidationErrors(List<String> validationErrors) { this.validationErrors = validationErrors; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
}
