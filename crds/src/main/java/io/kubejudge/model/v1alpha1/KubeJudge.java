package io.kubejudge.model.v1alpha1;

/** Names shared by every KubeJudge resource. */
public final class KubeJudge {
    public static final String GROUP = "kubejudge.io";
    public static final String VERSION = "v1alpha1";
    public static final String CATEGORY = "kubejudge";

    /** Labels the operator and the API put on submissions (and their Jobs) for selection. */
    public static final String LABEL_USER_ID = GROUP + "/user-id";
    public static final String LABEL_SUBMISSION_ID = GROUP + "/submission-id";
    public static final String LABEL_PROBLEM = GROUP + "/problem";
    public static final String LABEL_POOL = GROUP + "/pool";

    /** The largest source a submission may carry (the API may enforce a smaller one). */
    public static final int MAX_SOURCE_BYTES = 256 * 1024;

    private KubeJudge() {
    }
}
