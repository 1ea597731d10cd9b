package io.kubejudge.operator.job;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The informer cache of judge Jobs without their pod template: following a judging needs a Job's
 * name, owner, deadline and status, never the pod it was made from, which is most of a Job's size
 * (with 10,000 submissions admitted, the templates alone would take well over 100 MiB of heap).
 * The informer hands its listeners the full object; only what stays in memory is reduced. Nothing
 * may write a Job back from this cache (the operator only creates and deletes Jobs).
 *
 * <p>One store per informer: fabric8's informer treats its store as its own (after a list it
 * removes every key it did not list), so each namespace's informer needs its own instance. A
 * stopped informer keeps a store given to it reachable (unlike its own cache, which it empties):
 * {@link #clear()} when the event source stops, or every operator restart in a JVM (the test
 * cluster's) would keep the previous instance's Jobs.
 */
public final class JobSummaryStore implements ItemStore<Job> {
    private final Map<String, Job> items = new ConcurrentHashMap<>();

    static Job summary(Job job) {
        ObjectMeta m = job.getMetadata();
        ObjectMeta kept = new ObjectMeta();
        kept.setName(m.getName());
        kept.setNamespace(m.getNamespace());
        kept.setUid(m.getUid());
        kept.setResourceVersion(m.getResourceVersion());
        kept.setGeneration(m.getGeneration());
        kept.setCreationTimestamp(m.getCreationTimestamp());
        kept.setDeletionTimestamp(m.getDeletionTimestamp());
        kept.setLabels(m.getLabels());
        kept.setOwnerReferences(m.getOwnerReferences());
        kept.setFinalizers(m.getFinalizers());
        Job summary = new Job();
        summary.setApiVersion(job.getApiVersion());
        summary.setKind(job.getKind());
        summary.setMetadata(kept);
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

    public void clear() {
        items.clear();
    }

    @Override
    public String getKey(Job job) {
        return Cache.metaNamespaceKeyFunc(job);
    }

    @Override
    public Job put(String key, Job job) {
        return items.put(key, summary(job));
    }

    @Override
    public Job remove(String key) {
        return items.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<Job> values() {
        return items.values().stream();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public Job get(String key) {
        return items.get(key);
    }
}
