package io.kubejudge.testcluster.fault;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.function.Predicate;

/** Selections of pods for fault rules. */
public final class Pods {

    public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

    private Pods() {
    }

    public static Predicate<Pod> all() {
        return p -> true;
    }

    public static Predicate<Pod> ofJob(String jobName) {
        return p -> jobName.equals(label(p, JOB_NAME_LABEL));
    }

    /** Pods of the Jobs named {@code <prefix>...}, e.g. every attempt {@code <submission>-<n>} of a submission. */
    public static Predicate<Pod> ofJobsNamedLike(String prefix) {
        return p -> {
            String job = label(p, JOB_NAME_LABEL);
            return job != null && job.startsWith(prefix);
        };
    }

    public static Predicate<Pod> withLabel(String key, String value) {
        return p -> value.equals(label(p, key));
    }

    private static String label(Pod pod, String key) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
