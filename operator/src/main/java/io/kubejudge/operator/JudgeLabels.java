package io.kubejudge.operator;

import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.KubeJudge;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on everything the operator creates. Judge pods of a pool are selected by
 * {@link #poolSelector(String)}: the NetworkPolicy, the pool's {@code status.labelSelector} and the
 * operator's pod informer all rely on it.
 */
public final class JudgeLabels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String JUDGE_NAME = "kubejudge-judge";
    public static final String OPERATOR = "kubejudge-operator";
    /** Name of the submission a Job, pod or ConfigMap belongs to (the resource name, not the platform id). */
    public static final String SUBMISSION = KubeJudge.GROUP + "/submission";
    public static final String ATTEMPT = KubeJudge.GROUP + "/attempt";

    /** Selects every judge Job and pod the operator made. */
    public static final String JUDGE_SELECTOR = NAME + "=" + JUDGE_NAME + "," + MANAGED_BY + "=" + OPERATOR;

    private JudgeLabels() {
    }

    public static Map<String, String> poolSelector(String pool) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, JUDGE_NAME);
        labels.put(KubeJudge.LABEL_POOL, pool);
        return labels;
    }

    public static String poolSelectorString(String pool) {
        return NAME + "=" + JUDGE_NAME + "," + KubeJudge.LABEL_POOL + "=" + pool;
    }

    /** Labels of a submission's Job, pod and source ConfigMap. */
    public static Map<String, String> forJudging(JudgeSubmission submission, int attempt) {
        Map<String, String> labels = poolSelector(submission.getSpec().getPool());
        labels.put(MANAGED_BY, OPERATOR);
        labels.put(COMPONENT, "judge");
        putIfLabelValue(labels, SUBMISSION, submission.getMetadata().getName());
        labels.put(ATTEMPT, Integer.toString(attempt));
        putIfLabelValue(labels, KubeJudge.LABEL_PROBLEM, submission.getSpec().getProblem());
        putIfLabelValue(labels, KubeJudge.LABEL_USER_ID, submission.getSpec().getUserId());
        putIfLabelValue(labels, KubeJudge.LABEL_SUBMISSION_ID, submission.getSpec().getSubmissionId());
        return labels;
    }

    /** Resource names may be longer than a label value may be (63): such labels are left out rather than cut. */
    private static void putIfLabelValue(Map<String, String> labels, String key, String value) {
        if (value != null && value.length() <= 63) {
            labels.put(key, value);
        }
    }
}
