package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * One test data group graded as Kattis grades it (ICPC/Kattis packages): its children are the
 * tests whose {@code gradingGroup} is this path and the groups one level below it, in the order
 * of the problem's tests.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class GradingGroup {

    /** How the group's verdict follows from its children's (Kattis grader flags). */
    public enum VerdictRule {
        @JsonProperty("worst_error") WORST_ERROR,
        @JsonProperty("first_error") FIRST_ERROR,
        @JsonProperty("always_accept") ALWAYS_ACCEPT
    }

    /** How the group's score follows from its children's. */
    public enum ScoreRule {
        @JsonProperty("sum") SUM,
        @JsonProperty("avg") AVG,
        @JsonProperty("min") MIN,
        @JsonProperty("max") MAX,
        /** maxScore times the smallest share (score / its maximum) of a child (2023-07 {@code min}). */
        @JsonProperty("min-share") MIN_SHARE,
        /** maxScore when every child is accepted, else 0 (2023-07 {@code pass-fail}). */
        @JsonProperty("pass-fail") PASS_FAIL
    }

    // Always written: '' (data/ itself) is a value, not an absent one.
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyDescription("Path of the group below data/, '/'-separated; '' is data/ itself.")
    @Required
    @Pattern("^$|^[-_.a-zA-Z0-9]+(/[-_.a-zA-Z0-9]+)*$")
    @Size(max = 253)
    private String path;

    @JsonPropertyDescription("Verdict of the group: worst_error (default), first_error or always_accept.")
    private VerdictRule verdict;

    @JsonPropertyDescription("Accepted when any child is accepted (accept_if_any_accepted).")
    private Boolean acceptIfAnyAccepted;

    @JsonPropertyDescription("Score of the group: sum (default), avg, min, max, min-share, pass-fail.")
    private ScoreRule score;

    @JsonPropertyDescription("Grade only the last child (data/secret), not the samples (ignore_sample).")
    private Boolean ignoreSample;

    @JsonPropertyDescription("Judge the remaining children after one is rejected (on_reject: continue); default: stop the group.")
    private Boolean continueOnReject;

    @JsonPropertyDescription("Score of an accepted test of this group, when its checker gives none (accept_score, default 1).")
    private Double acceptScore;

    @JsonPropertyDescription("Score of a rejected test of this group (reject_score, default 0).")
    private Double rejectScore;

    @JsonPropertyDescription("Lowest score the group may get (range); outside it the result is SystemError.")
    private Double rangeMin;

    @JsonPropertyDescription("Highest score the group may get (range); outside it the result is SystemError.")
    private Double rangeMax;

    @JsonPropertyDescription("Score of the group when all is accepted, for min-share and pass-fail.")
    private Double maxScore;

    @JsonPropertyDescription("Groups (paths) or tests (names) that must be accepted for this group to score (2023-07 require_pass).")
    @Size(max = 1000)
    private List<String> requirePass = new ArrayList<>();

    public GradingGroup() {
    }

    public GradingGroup(String path) {
        this.path = path;
    }

    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public VerdictRule getVerdict() { return verdict; }
    public void setVerdict(VerdictRule verdict) { this.verdict = verdict; }
    public Boolean getAcceptIfAnyAccepted() { return acceptIfAnyAccepted; }
    public void setAcceptIfAnyAccepted(Boolean acceptIfAnyAccepted) { this.acceptIfAnyAccepted = acceptIfAnyAccepted; }
    public ScoreRule getScore() { return score; }
    public void setScore(ScoreRule score) { this.score = score; }
    public Boolean getIgnoreSample() { return ignoreSample; }
    public void setIgnoreSample(Boolean ignoreSample) { this.ignoreSample = ignoreSample; }
    public Boolean getContinueOnReject() { return continueOnReject; }
    public void setContinueOnReject(Boolean continueOnReject) { this.continueOnReject = continueOnReject; }
    public Double getAcceptScore() { return acceptScore; }
    public void setAcceptScore(Double acceptScore) { this.acceptScore = acceptScore; }
    public Double getRejectScore() { return rejectScore; }
    public void setRejectScore(Double rejectScore) { this.rejectScore = rejectScore; }
    public Double getRangeMin() { return rangeMin; }
    public void setRangeMin(Double rangeMin) { this.rangeMin = rangeMin; }
    public Double getRangeMax() { return rangeMax; }
    public void setRangeMax(Double rangeMax) { this.rangeMax = rangeMax; }
    public Double getMaxScore() { return maxScore; }
    public void setMaxScore(Double maxScore) { this.maxScore = maxScore; }
    public List<String> getRequirePass() { return requirePass; }
    public void setRequirePass(List<String> requirePass) { this.requirePass = requirePass; }
}
