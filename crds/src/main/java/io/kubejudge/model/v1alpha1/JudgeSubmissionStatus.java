package io.kubejudge.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.kubejudge.model.result.CompileResult;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class JudgeSubmissionStatus {

    public enum Phase {
        @JsonProperty("Queued") QUEUED,
        @JsonProperty("Running") RUNNING,
        @JsonProperty("Completed") COMPLETED,
        @JsonProperty("Cancelled") CANCELLED,
        @JsonProperty("Rejected") REJECTED,
        @JsonProperty("Failed") FAILED;

        /** Whether nothing more will happen to the submission (until a rejudge). */
        public boolean isFinal() {
            return this == COMPLETED || this == CANCELLED || this == REJECTED || this == FAILED;
        }
    }

    @JsonPropertyDescription("Where the submission is in its life.")
    private Phase phase;

    @JsonPropertyDescription("The verdict, once judged.")
    private Verdict verdict;

    @JsonPropertyDescription("Why the submission was rejected or failed, or what it is waiting for.")
    private String message;

    @JsonPropertyDescription("Points scored.")
    private Double score;

    @JsonPropertyDescription("Points available.")
    private Double maxScore;

    @JsonPropertyDescription("Largest CPU time of a test, in milliseconds.")
    private Long timeMs;

    @JsonPropertyDescription("Largest peak memory of a test, in KiB.")
    private Long memoryKiB;

    @JsonPropertyDescription("The compiler's result; its message is truncated.")
    private CompileResult compile;

    @JsonPropertyDescription("Per-test results, in test order; may hold a prefix when the pod's report was cut.")
    private List<TestResult> tests = new ArrayList<>();

    @JsonPropertyDescription("Position in the pool's admission queue (1 = next), updated coarsely; the API serves it live.")
    private Integer queuePosition;

    @JsonPropertyDescription("Number of Jobs started for the current judging (disruptions cause retries).")
    private Integer attempts;

    @JsonPropertyDescription("Judgings put back in the queue because a node could not judge (a node fault, not the"
            + " submission's); they are included in attempts but do not count against the operator's attempt limit.")
    private Integer requeues;

    @JsonPropertyDescription("Name of the current or last Job.")
    private String jobName;

    @JsonPropertyDescription("The spec.rejudge value this status answers.")
    private Integer observedRejudge;

    @JsonPropertyDescription("When the submission entered the queue (RFC 3339).")
    private String queuedAt;

    @JsonPropertyDescription("When its Job was created (RFC 3339).")
    private String admittedAt;

    @JsonPropertyDescription("When the verdict was recorded (RFC 3339).")
    private String completedAt;

    @JsonPropertyDescription("What judged the submission: runner and compiler versions, pool.")
    private JudgeInfo judge;

    @JsonPropertyDescription("Results of earlier judgings (before rejudges), oldest first.")
    private List<HistoryEntry> history = new ArrayList<>();

    @JsonPropertyDescription("Admitted, Completed, ... in the usual Kubernetes shape.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The generation of the spec this status describes.")
    private Long observedGeneration;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public static class JudgeInfo {
        @JsonPropertyDescription("Version of the judge-runner.")
        private String runnerVersion;
        @JsonPropertyDescription("Compiler or interpreter version.")
        private String compilerVersion;
        @JsonPropertyDescription("Pool that judged it.")
        private String pool;
        @JsonPropertyDescription("Node the judging pod ran on.")
        private String node;
        @JsonPropertyDescription("Whether the program ran confined by Landlock.")
        private Boolean landlock;

        public String getRunnerVersion() { return runnerVersion; }
        public void setRunnerVersion(String runnerVersion) { this.runnerVersion = runnerVersion; }
        public String getCompilerVersion() { return compilerVersion; }
        public void setCompilerVersion(String compilerVersion) { this.compilerVersion = compilerVersion; }
        public String getPool() { return pool; }
        public void setPool(String pool) { this.pool = pool; }
        public String getNode() { return node; }
        public void setNode(String node) { this.node = node; }
        public Boolean getLandlock() { return landlock; }
        public void setLandlock(Boolean landlock) { this.landlock = landlock; }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public static class HistoryEntry {
        @JsonPropertyDescription("The spec.rejudge value of that judging.")
        private Integer rejudge;
        @JsonPropertyDescription("Its verdict.")
        private Verdict verdict;
        @JsonPropertyDescription("Its score.")
        private Double score;
        @JsonPropertyDescription("Its largest CPU time, in milliseconds.")
        private Long timeMs;
        @JsonPropertyDescription("Its largest peak memory, in KiB.")
        private Long memoryKiB;
        @JsonPropertyDescription("When it was recorded (RFC 3339).")
        private String completedAt;

        public Integer getRejudge() { return rejudge; }
        public void setRejudge(Integer rejudge) { this.rejudge = rejudge; }
        public Verdict getVerdict() { return verdict; }
        public void setVerdict(Verdict verdict) { this.verdict = verdict; }
        public Double getScore() { return score; }
        public void setScore(Double score) { this.score = score; }
        public Long getTimeMs() { return timeMs; }
        public void setTimeMs(Long timeMs) { this.timeMs = timeMs; }
        public Long getMemoryKiB() { return memoryKiB; }
        public void setMemoryKiB(Long memoryKiB) { this.memoryKiB = memoryKiB; }
        public String getCompletedAt() { return completedAt; }
        public void setCompletedAt(String completedAt) { this.completedAt = completedAt; }
    }

    public Phase getPhase() { return phase; }
    public void setPhase(Phase phase) { this.phase = phase; }
    public Verdict getVerdict() { return verdict; }
    public void setVerdict(Verdict verdict) { this.verdict = verdict; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
    public Double getScore() { return score; }
    public void setScore(Double score) { this.score = score; }
    public Double getMaxScore() { return maxScore; }
    public void setMaxScore(Double maxScore) { this.maxScore = maxScore; }
    public Long getTimeMs() { return timeMs; }
    public void setTimeMs(Long timeMs) { this.timeMs = timeMs; }
    public Long getMemoryKiB() { return memoryKiB; }
    public void setMemoryKiB(Long memoryKiB) { this.memoryKiB = memoryKiB; }
    public CompileResult getCompile() { return compile; }
    public void setCompile(CompileResult compile) { this.compile = compile; }
    public List<TestResult> getTests() { return tests; }
    public void setTests(List<TestResult> tests) { this.tests = tests; }
    public Integer getQueuePosition() { return queuePosition; }
    public void setQueuePosition(Integer queuePosition) { this.queuePosition = queuePosition; }
    public Integer getAttempts() { return attempts; }
    public void setAttempts(Integer attempts) { this.attempts = attempts; }
    public Integer getRequeues() { return requeues; }
    public void setRequeues(Integer requeues) { this.requeues = requeues; }
    public String getJobName() { return jobName; }
    public void setJobName(String jobName) { this.jobName = jobName; }
    public Integer getObservedRejudge() { return observedRejudge; }
    public void setObservedRejudge(Integer observedRejudge) { this.observedRejudge = observedRejudge; }
    public String getQueuedAt() { return queuedAt; }
    public void setQueuedAt(String queuedAt) { this.queuedAt = queuedAt; }
    public String getAdmittedAt() { return admittedAt; }
    public void setAdmittedAt(String admittedAt) { this.admittedAt = admittedAt; }
    public String getCompletedAt() { return completedAt; }
    public void setCompletedAt(String completedAt) { this.completedAt = completedAt; }
    public JudgeInfo getJudge() { return judge; }
    public void setJudge(JudgeInfo judge) { this.judge = judge; }
    public List<HistoryEntry> getHistory() { return history; }
    public void setHistory(List<HistoryEntry> history) { this.history = history; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
}
