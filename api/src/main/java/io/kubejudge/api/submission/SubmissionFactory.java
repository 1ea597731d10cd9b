package io.kubejudge.api.submission;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.model.v1alpha1.KubeJudge;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the JudgeSubmission a valid request asks for. */
public final class SubmissionFactory {

    private SubmissionFactory() {
    }

    public static JudgeSubmission build(ValidSubmission v, String problemName, JudgeSubmissionSpec.Priority priority) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KubeJudge.LABEL_SUBMISSION_ID, Long.toString(v.submissionId()));
        labels.put(KubeJudge.LABEL_USER_ID, v.userId());
        labels.put(KubeJudge.LABEL_PROBLEM, problemName);
        labels.put(KubeJudge.LABEL_POOL, v.pool());
        labels.put(SubmissionNames.LABEL_PROBLEM_ID, Long.toString(v.problemId()));
        if (v.contestId() != null) {
            labels.put(SubmissionNames.LABEL_CONTEST_ID, Long.toString(v.contestId()));
        }

        JudgeSubmissionSpec spec = new JudgeSubmissionSpec();
        spec.setProblem(problemName);
        spec.setLanguage(v.language());
        spec.setSource(v.code());
        spec.setPool(v.pool());
        spec.setPriority(priority);
        spec.setUserId(v.userId());
        spec.setSubmissionId(Long.toString(v.submissionId()));

        JudgeSubmission s = new JudgeSubmission();
        s.setMetadata(new ObjectMetaBuilder()
                .withName(new SubmissionRef(v.userId(), v.submissionId()).name())
                .withLabels(labels)
                .build());
        s.setSpec(spec);
        return s;
    }
}
