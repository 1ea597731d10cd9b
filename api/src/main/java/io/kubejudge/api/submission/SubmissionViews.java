package io.kubejudge.api.submission;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubejudge.model.result.CompileResult;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.api.submission.SubmissionView.CompileView;
import io.kubejudge.api.submission.SubmissionView.TestView;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Turns a JudgeSubmission (live or archived) into the API's snake_case view. */
public final class SubmissionViews {

    private SubmissionViews() {
    }

    /**
     * @param livePosition the queue position from Redis, or null to fall back to the status' coarse one
     */
    public static SubmissionView of(long submissionId, JudgeSubmission s, Integer livePosition, String source) {
        return of(submissionId, s.getMetadata(), s.getSpec(), s.getStatus(), livePosition, source);
    }

    /** The same from a resource's parts (an archive is read into these, without building a resource). */
    public static SubmissionView of(long submissionId, ObjectMeta metadata, JudgeSubmissionSpec resourceSpec,
                                    JudgeSubmissionStatus st, Integer livePosition, String source) {
        JudgeSubmissionSpec spec = resourceSpec != null ? resourceSpec : new JudgeSubmissionSpec();
        Map<String, String> labels = metadata.getLabels() != null ? metadata.getLabels() : Map.of();
        JudgeSubmissionStatus.Phase phase = st == null ? null : st.getPhase();
        Integer position = null;
        if (phase == null || phase == JudgeSubmissionStatus.Phase.QUEUED) {
            position = livePosition != null ? livePosition : st == null ? null : st.getQueuePosition();
        }
        SubmissionRef ref = new SubmissionRef(spec.getUserId(), submissionId);
        return new SubmissionView(
                submissionId,
                metadata.getName(),
                parseLong(labels.get(SubmissionNames.LABEL_PROBLEM_ID)),
                spec.getProblem(),
                spec.getUserId(),
                parseLong(labels.get(SubmissionNames.LABEL_CONTEST_ID)),
                spec.getLanguage() == null ? null : spec.getLanguage().id(),
                spec.getPool(),
                spec.getPriority() == null ? null : spec.getPriority().name().toLowerCase(),
                phaseName(phase),
                phase != null && phase.isFinal(),
                st == null ? null : verdict(st.getVerdict()),
                st == null ? null : st.getMessage(),
                st == null ? null : st.getScore(),
                st == null ? null : st.getMaxScore(),
                st == null ? null : st.getTimeMs(),
                st == null ? null : st.getMemoryKiB(),
                position,
                st == null ? null : compile(st.getCompile()),
                st == null || st.getTests() == null ? List.of() : st.getTests().stream().map(SubmissionViews::test).toList(),
                st == null ? null : st.getAttempts(),
                spec.getRejudge(),
                metadata.getCreationTimestamp(),
                st == null ? null : st.getQueuedAt(),
                st == null ? null : st.getAdmittedAt(),
                st == null ? null : st.getCompletedAt(),
                source,
                ref.url(),
                ref.eventsUrl());
    }

    public static String phaseName(JudgeSubmissionStatus.Phase phase) {
        if (phase == null) {
            return SubmissionView.PENDING;
        }
        return switch (phase) {
            case QUEUED -> "Queued";
            case RUNNING -> "Running";
            case COMPLETED -> "Completed";
            case CANCELLED -> "Cancelled";
            case REJECTED -> "Rejected";
            case FAILED -> "Failed";
        };
    }

    public static CompileView compile(CompileResult c) {
        return c == null ? null : new CompileView(c.success(), c.message(), c.timeMs());
    }

    public static TestView test(TestResult t) {
        return new TestView(t.name(), verdict(t.verdict()), t.timeMs(), t.memoryKiB(), t.exitCode(), t.signal(),
                t.points(), t.message());
    }

    /** Verdict.wireName() reads an annotation per call; a status read maps many verdicts. */
    private static final Map<Verdict, String> VERDICT_NAMES = new EnumMap<>(Verdict.class);

    static {
        for (Verdict v : Verdict.values()) {
            VERDICT_NAMES.put(v, v.wireName());
        }
    }

    static String verdict(Verdict v) {
        return v == null ? null : VERDICT_NAMES.get(v);
    }

    private static Long parseLong(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
