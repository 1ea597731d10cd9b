package io.kubejudge.operator.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.JudgeLabels;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judge pods of submissions that no longer exist (their finalizer removed by hand) have nobody to
 * let go of them; those of existing submissions are let go of by their reconciliations. Done once
 * at start-up.
 */
public final class OrphanPods {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanPods.class);

    private OrphanPods() {
    }

    /** Lets go of the judge pods among {@code pods} whose submission is not among {@code submissions}. */
    public static void release(JudgeJobs jobs, Collection<Pod> pods, Collection<JudgeSubmission> submissions) {
        Set<String> known = submissions.stream().map(s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName())
                .collect(Collectors.toSet());
        List<Pod> orphans = pods.stream().filter(p -> {
            String owner = p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(JudgeLabels.SUBMISSION);
            return owner != null && !known.contains(p.getMetadata().getNamespace() + "/" + owner);
        }).toList();
        try {
            jobs.releaseUnneeded(orphans, null);
        } catch (RuntimeException e) {
            // Worth a warning, not worth holding up the start: the next start tries again.
            LOG.warn("could not let go of {} judge pods of deleted submissions: {}", orphans.size(), e.toString());
        }
    }
}
