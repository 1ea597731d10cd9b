package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.kubejudge.model.result.Language;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "self.problem == oldSelf.problem && self.language == oldSelf.language && self.source == oldSelf.source && self.pool == oldSelf.pool",
        message = "problem, language, source and pool cannot change after submission; use rejudge or a new submission")
@ValidationRule(value = "!has(oldSelf.rejudge) || (has(self.rejudge) && self.rejudge >= oldSelf.rejudge)",
        message = "rejudge can only be increased")
public class JudgeSubmissionSpec {

    public enum Priority {
        @JsonProperty("contest") CONTEST,
        @JsonProperty("normal") NORMAL,
        @JsonProperty("low") LOW
    }

    @JsonPropertyDescription("Name of the JudgeProblem (same namespace) this submission answers.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
    private String problem;

    @JsonPropertyDescription("Language of the source.")
    @Required
    private Language language;

    @JsonPropertyDescription("The source code (at most 256 KiB).")
    @Required
    @Size(min = 1, max = KubeJudge.MAX_SOURCE_BYTES)
    private String source;

    @JsonPropertyDescription("JudgeNodePool that judges this submission.")
    @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
    @Default("default")
    private String pool = "default";

    @JsonPropertyDescription("Admission priority: contest before normal before low.")
    @Default("normal")
    private Priority priority = Priority.NORMAL;

    @JsonPropertyDescription("Id of the submitting user (also the label kubejudge.io/user-id); fairness is per user.")
    @Pattern("^[A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?$")
    private String userId;

    @JsonPropertyDescription("Id of the submission in the calling platform (also the label kubejudge.io/submission-id).")
    @Pattern("^[A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?$")
    private String submissionId;

    @JsonPropertyDescription("Set to true to cancel: a queued submission leaves the queue, a running Job is deleted.")
    @Default("false")
    private Boolean cancel = false;

    @JsonPropertyDescription("Increase to judge the submission again; the previous result moves to status.history.")
    @Min(0)
    @Max(1000)
    @Default("0")
    private Integer rejudge = 0;

    public String getProblem() { return problem; }
    public void setProblem(String problem) { this.problem = problem; }
    public Language getLanguage() { return language; }
    public void setLanguage(Language language) { this.language = language; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getPool() { return pool; }
    public void setPool(String pool) { this.pool = pool; }
    public Priority getPriority() { return priority; }
    public void setPriority(Priority priority) { this.priority = priority; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getSubmissionId() { return submissionId; }
    public void setSubmissionId(String submissionId) { this.submissionId = submissionId; }
    public Boolean getCancel() { return cancel; }
    public void setCancel(Boolean cancel) { this.cancel = cancel; }
    public Integer getRejudge() { return rejudge; }
    public void setRejudge(Integer rejudge) { this.rejudge = rejudge; }
}
