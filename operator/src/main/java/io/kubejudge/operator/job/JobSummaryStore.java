package io.kubejudge.operator.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.kubejudge.operator.SlimItemStore;

/**
 * The informer cache of judge Jobs without their pod template: following a judging needs a Job's
 * name, owner, deadline and status, never the pod it was made from, which is most of a Job's size
 * (with 10,000 submissions admitted, the templates alone would take well over 100 MiB of heap).
 * The operator only creates and deletes Jobs, so nothing writes one back from here.
 */
public final class JobSummaryStore extends SlimItemStore<Job> {

    public JobSummaryStore() {
        super(JobSummaryStore::summary);
    }

    static Job summary(Job job) {
        Job summary = new Job();
        summary.setApiVersion(job.getApiVersion());
        summary.setKind(job.getKind());
        summary.setMetadata(identity(job.getMetadata()));
        if (job.getSpec() != null) {
            JobSpec spec = new JobSpec();
            spec.setActiveDeadlineSeconds(job.getSpec().getActiveDeadlineSeconds());
            spec.setBackoffLimit(job.getSpec().getBackoffLimit());
            spec.setTtlSecondsAfterFinished(job.getSpec().getTtlSecondsAfterFinished());
            summary.setSpec(spec);
        }
        summary.setStatus(job.getStatus());
        return summary;
    }
}
