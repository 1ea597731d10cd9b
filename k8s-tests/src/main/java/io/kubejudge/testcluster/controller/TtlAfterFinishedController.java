package io.kubejudge.testcluster.controller;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The stand-in for the TTL-after-finished controller: a Job with {@code ttlSecondsAfterFinished} is
 * deleted that long after it completed or failed, as Kubernetes deletes it: with foreground
 * propagation, so the garbage collector deletes its pods first and the Job goes after them (a pod
 * kept by a finalizer keeps the Job, marked for deletion, too).
 */
public final class TtlAfterFinishedController implements AutoCloseable {

    private final KubernetesClient client;
    private final WorkQueue queue;
    private SharedIndexInformer<Job> jobs;

    public TtlAfterFinishedController(KubernetesClient client) {
        this.client = client;
        this.queue = new WorkQueue("test-cluster-ttl-controller", 1, this::process);
    }

    public TtlAfterFinishedController start() {
        jobs = client.batch().v1().jobs().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                queue.add(job.getMetadata().getNamespace() + "/" + job.getMetadata().getName());
            }

            @Override
            public void onUpdate(Job oldJob, Job job) {
                onAdd(job);
            }

            @Override
            public void onDelete(Job job, boolean deletedFinalStateUnknown) {
            }
        }, 0);
        return this;
    }

    private void process(String key) {
        String[] parts = key.split("/", 2);
        Job job = client.batch().v1().jobs().inNamespace(parts[0]).withName(parts[1]).get();
        if (job == null || job.getSpec().getTtlSecondsAfterFinished() == null || job.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        Optional<Instant> finished = finishedAt(job);
        if (finished.isEmpty()) {
            return;
        }
        Instant expiry = finished.get().plusSeconds(job.getSpec().getTtlSecondsAfterFinished());
        long wait = Duration.between(Instant.now(), expiry).toMillis();
        if (wait > 0) {
            queue.addAfter(key, wait);
            return;
        }
        client.batch().v1().jobs().inNamespace(parts[0]).withName(parts[1])
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
    }

    static Optional<Instant> finishedAt(Job job) {
        if (job.getStatus() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .map(JobCondition::getLastTransitionTime)
                .map(Instant::parse)
                .findFirst();
    }

    @Override
    public void close() {
        queue.close();
        if (jobs != null) {
            jobs.close();
        }
    }
}
