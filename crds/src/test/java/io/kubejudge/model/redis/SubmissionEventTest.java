package io.kubejudge.model.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubejudge.model.result.CompileResult;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event JSON is a contract between separately upgraded operator and API replicas. */
class SubmissionEventTest {

    private final ObjectMapper json = new ObjectMapper();

    private static JudgeSubmission finished() {
        JudgeSubmission s = new JudgeSubmission();
        s.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("sub-5").build());
        JudgeSubmissionSpec spec = new JudgeSubmissionSpec();
        spec.setSubmissionId("5");
        s.setSpec(spec);
        JudgeSubmissionStatus st = new JudgeSubmissionStatus();
        st.setPhase(Phase.COMPLETED);
        st.setVerdict(Verdict.TIME_LIMIT_EXCEEDED);
        st.setScore(1.0);
        st.setMaxScore(2.0);
        st.setTimeMs(1000L);
        st.setMemoryKiB(2048L);
        st.setCompile(new CompileResult(true, "", 300L));
        st.setAttempts(1);
        st.setTests(List.of(new TestResult("t1", Verdict.ACCEPTED, 5L, 900L, 0, null, 1.0, null),
                new TestResult("t2", Verdict.TIME_LIMIT_EXCEEDED, 1000L, 2048L, null, null, 0.0, null)));
        s.setStatus(st);
        return s;
    }

    @Test
    void progressChangesOnlyTheTestsDone() {
        SubmissionEvent e = SubmissionEvent.of(finished(), "2026-01-01T00:00:00Z");
        SubmissionEvent progressed = e.withTestsDone(1);
        assertThat(progressed.testsDone()).isEqualTo(1);
        assertThat(progressed).usingRecursiveComparison().ignoringFields("testsDone").isEqualTo(e);
    }

    @Test
    void theOperatorsEventUsesTheWireNamesUsersSee() throws Exception {
        JsonNode e = json.readTree(json.writeValueAsString(SubmissionEvent.of(finished(), "2026-01-01T00:00:00Z")));
        assertThat(e.get("namespace").asText()).isEqualTo("ns");
        assertThat(e.get("submission").asText()).isEqualTo("sub-5");
        assertThat(e.get("submissionId").asText()).isEqualTo("5");
        assertThat(e.get("phase").asText()).isEqualTo("Completed");
        assertThat(e.get("verdict").asText()).isEqualTo("TimeLimitExceeded");
        assertThat(e.get("testsDone").asInt()).isEqualTo(2);
        assertThat(e.get("compile").get("timeMs").asLong()).isEqualTo(300);
        assertThat(e.get("memoryKiB").asLong()).isEqualTo(2048);
        assertThat(e.get("terminal").asBoolean()).isTrue();
        assertThat(e.has("final")).as("isFinal() is derived, not a field").isFalse();
        assertThat(e.has("queuePosition")).as("absent values are left out").isFalse();
    }

    @Test
    void anEventReadsBackAsWhatWasWritten() throws Exception {
        SubmissionEvent written = SubmissionEvent.of(finished(), "2026-01-01T00:00:00Z");
        assertThat(json.readValue(json.writeValueAsString(written), SubmissionEvent.class)).isEqualTo(written);
    }

    @Test
    void aNewerWritersFieldsAndValuesDoNotBreakAnOlderReader() throws Exception {
        SubmissionEvent e = json.readValue("{\"phase\":\"Hibernating\",\"verdict\":\"Sleepy\",\"queuePosition\":3,"
                + "\"futureField\":{\"x\":1}}", SubmissionEvent.class);
        assertThat(e.phase()).isNull();
        assertThat(e.verdict()).isNull();
        assertThat(e.queuePosition()).isEqualTo(3);
        assertThat(e.isFinal()).isFalse();
    }

    @Test
    void aQueuedSubmissionIsNotFinal() {
        JudgeSubmission s = finished();
        s.getStatus().setPhase(Phase.QUEUED);
        s.getStatus().setVerdict(null);
        s.getStatus().setTests(List.of());
        SubmissionEvent e = SubmissionEvent.of(s, "now");
        assertThat(e.isFinal()).isFalse();
        assertThat(e.testsDone()).isNull();
        assertThat(SubmissionEvent.of(finished(), "now").isFinal()).isTrue();
    }
}
