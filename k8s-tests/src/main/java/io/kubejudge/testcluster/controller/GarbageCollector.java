package io.kubejudge.testcluster.controller;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import io.kubejudge.testcluster.apiserver.LogServingDispatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in for Kubernetes' garbage collector. Background cascading deletion: an object whose
 * owners are all gone is deleted. Foreground cascading deletion: an owner marked for deletion with
 * the {@code foregroundDeletion} finalizer (see LogServingDispatcher) has its dependents deleted,
 * and loses that finalizer, and so goes, once no dependent with {@code blockOwnerDeletion} is left —
 * a dependent held by finalizers of its own keeps its owner. It sweeps the cached objects of the
 * {@link KnownKinds} and, before deleting, checks with the API server that no owner exists — an
 * informer cache can lag behind a just-created owner.
 */
public final class GarbageCollector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    private final KubernetesClient client;
    private final Duration interval;
    private final Map<ResourceDefinitionContext, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-cluster-gc");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong collected = new AtomicLong();

    public GarbageCollector(KubernetesClient client, Duration interval) {
        this.client = client;
        this.interval = interval;
    }

    public GarbageCollector start() {
        for (ResourceDefinitionContext kind : KnownKinds.ALL) {
            informers.put(kind, client.genericKubernetesResources(kind).inAnyNamespace().inform());
        }
        sweeper.scheduleWithFixedDelay(this::sweepSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Objects deleted because their owners were gone, since the start. */
    public long collected() {
        return collected.get();
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("garbage collection sweep failed: {}", e.toString());
        }
    }

    void sweep() {
        Set<String> liveUids = new HashSet<>();
        List<Map.Entry<ResourceDefinitionContext, GenericKubernetesResource>> dependents = new ArrayList<>();
        List<Map.Entry<ResourceDefinitionContext, GenericKubernetesResource>> foreground = new ArrayList<>();
        Map<String, List<Map.Entry<ResourceDefinitionContext, GenericKubernetesResource>>> byOwner = new HashMap<>();
        informers.forEach((kind, informer) -> {
            for (GenericKubernetesResource r : informer.getStore().list()) {
                liveUids.add(r.getMetadata().getUid());
                if (!r.getMetadata().getOwnerReferences().isEmpty() && r.getMetadata().getDeletionTimestamp() == null) {
                    dependents.add(Map.entry(kind, r));
                }
                for (OwnerReference owner : r.getMetadata().getOwnerReferences()) {
                    byOwner.computeIfAbsent(owner.getUid(), u -> new ArrayList<>()).add(Map.entry(kind, r));
                }
                if (r.getMetadata().getDeletionTimestamp() != null
                        && r.getMetadata().getFinalizers().contains(LogServingDispatcher.FOREGROUND_DELETION)) {
                    foreground.add(Map.entry(kind, r));
                }
            }
        });
        for (var owner : foreground) {
            deleteInForeground(owner.getKey(), owner.getValue(), byOwner.getOrDefault(owner.getValue().getMetadata().getUid(), List.of()));
        }
        for (var dependent : dependents) {
            HasMetadata object = dependent.getValue();
            List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
            if (owners.stream().anyMatch(o -> liveUids.contains(o.getUid()))) {
                continue;
            }
            if (owners.stream().noneMatch(o -> ownerExists(object.getMetadata().getNamespace(), o))) {
                delete(dependent.getKey(), object);
            }
        }
    }

    /**
     * Deletes the owner's dependents; once none that blocks it is left (in the API server, not only
     * in the cache: one may still be going), removes the owner's foregroundDeletion finalizer.
     */
    private void deleteInForeground(ResourceDefinitionContext kind, GenericKubernetesResource owner,
                                    List<Map.Entry<ResourceDefinitionContext, GenericKubernetesResource>> cachedDependents) {
        String uid = owner.getMetadata().getUid();
        boolean blocked = false;
        for (var dependent : cachedDependents) {
            GenericKubernetesResource d = dependent.getValue();
            if (d.getMetadata().getDeletionTimestamp() == null) {
                delete(dependent.getKey(), d);
            }
            GenericKubernetesResource live = client.genericKubernetesResources(dependent.getKey())
                    .inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName()).get();
            blocked |= live != null && live.getMetadata().getOwnerReferences().stream()
                    .anyMatch(o -> uid.equals(o.getUid()) && Boolean.TRUE.equals(o.getBlockOwnerDeletion()));
        }
        if (blocked) {
            return;
        }
        var resource = client.genericKubernetesResources(kind).inNamespace(owner.getMetadata().getNamespace())
                .withName(owner.getMetadata().getName());
        try {
            GenericKubernetesResource live = resource.get();
            if (live == null || !uid.equals(live.getMetadata().getUid())
                    || !live.getMetadata().getFinalizers().contains(LogServingDispatcher.FOREGROUND_DELETION)) {
                return;
            }
            live.getMetadata().getFinalizers().remove(LogServingDispatcher.FOREGROUND_DELETION);
            // With its resourceVersion: a concurrent change makes this a conflict, retried at the next sweep.
            client.genericKubernetesResources(kind).inNamespace(owner.getMetadata().getNamespace()).resource(live).update();
            collected.incrementAndGet();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                LOG.warn("finishing the foreground deletion of {} {}/{} failed: {}", kind.getKind(),
                        owner.getMetadata().getNamespace(), owner.getMetadata().getName(), e.toString());
            }
        }
    }

    private boolean ownerExists(String namespace, OwnerReference owner) {
        var kind = KnownKinds.of(owner.getApiVersion(), owner.getKind());
        if (kind.isEmpty()) {
            // An owner of a kind we cannot look up is assumed present: never delete what we cannot judge.
            return true;
        }
        GenericKubernetesResource live = client.genericKubernetesResources(kind.get()).inNamespace(namespace)
                .withName(owner.getName()).get();
        return live != null && owner.getUid().equals(live.getMetadata().getUid());
    }

    private void delete(ResourceDefinitionContext kind, HasMetadata object) {
        try {
            var resource = client.genericKubernetesResources(kind).inNamespace(object.getMetadata().getNamespace())
                    .withName(object.getMetadata().getName());
            GenericKubernetesResource live = resource.get();
            // A new object may have taken the name since the sweep began: delete only the orphan itself.
            if (live == null || !live.getMetadata().getUid().equals(object.getMetadata().getUid())) {
                return;
            }
            resource.delete();
            collected.incrementAndGet();
            LOG.debug("collected {} {}/{}", kind.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                LOG.warn("collecting {} {}/{} failed: {}", kind.getKind(), object.getMetadata().getNamespace(),
                        object.getMetadata().getName(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        informers.values().forEach(SharedIndexInformer::close);
    }
}
