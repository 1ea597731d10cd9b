package io.kubejudge.testcluster.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in for Kubernetes' ReplicaSet controller: keeps {@code spec.replicas} active pods from the
 * template (named {@code <replicaset>-<random>} as {@code generateName} would, owned by the ReplicaSet);
 * scaling down deletes not-ready pods first, then the newest; finished pods do not count and are
 * replaced. Status: replicas, fullyLabeledReplicas, readyReplicas, availableReplicas (ready for
 * {@code minReadySeconds}), observedGeneration. Orphan adoption is not emulated.
 */
public final class ReplicaSetController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetController.class);

    private final KubernetesClient client;
    private final WorkQueue queue;
    private final CreationExpectations creations = new CreationExpectations();
    private final CreationExpectations deletions = new CreationExpectations();
    private SharedIndexInformer<ReplicaSet> replicaSets;
    private SharedIndexInformer<Pod> pods;

    public ReplicaSetController(KubernetesClient client) {
        this.client = client;
        this.queue = new WorkQueue("test-cluster-replicaset-controller", 2, this::reconcile);
    }

    public ReplicaSetController start() {
        replicaSets = client.apps().replicaSets().inAnyNamespace()
                .inform(WorkloadSupport.onAnyChange((ReplicaSet rs) -> queue.add(WorkloadSupport.key(rs))), 0);
        pods = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                onUpdate(null, p);
            }

            @Override
            public void onUpdate(Pod old, Pod p) {
                WorkloadSupport.controllerOf(p, "ReplicaSet").ifPresent(owner -> {
                    creations.observed(owner.getUid(), p.getMetadata().getName());
                    if (p.getMetadata().getDeletionTimestamp() != null) {
                        deletions.observed(owner.getUid(), p.getMetadata().getName());
                    }
                    queue.add(WorkloadSupport.key(p.getMetadata().getNamespace(), owner.getName()));
                });
            }

            @Override
            public void onDelete(Pod p, boolean finalStateUnknown) {
                WorkloadSupport.controllerOf(p, "ReplicaSet").ifPresent(owner -> {
                    deletions.observed(owner.getUid(), p.getMetadata().getName());
                    queue.add(WorkloadSupport.key(p.getMetadata().getNamespace(), owner.getName()));
                });
            }
        }, 0);
        return this;
    }

    private void reconcile(String key) {
        ReplicaSet rs = replicaSets.getStore().getByKey(key);
        if (rs == null || rs.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String uid = rs.getMetadata().getUid();
        List<Pod> owned = pods.getStore().list().stream()
                .filter(p -> p.getMetadata().getNamespace().equals(rs.getMetadata().getNamespace()))
                .filter(p -> WorkloadSupport.controlledBy(p, rs))
                .toList();
        List<Pod> active = owned.stream().filter(WorkloadSupport::isActive)
                .filter(p -> !deletions.contains(uid, p.getMetadata().getName())).toList();
        int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        int diff = active.size() + creations.count(uid) - desired;
        for (int i = diff; i < 0; i++) {
            createPod(rs);
        }
        if (diff > 0) {
            active.stream()
                    .sorted(Comparator.comparing(WorkloadSupport::isReady)
                            .thenComparing((Pod p) -> p.getMetadata().getCreationTimestamp(), Comparator.reverseOrder()))
                    .limit(diff)
                    .forEach(p -> deletePod(uid, p));
        }
        writeStatus(rs, status(rs, active));
    }

    private ReplicaSetStatus status(ReplicaSet rs, List<Pod> active) {
        Instant now = Instant.now();
        Map<String, String> templateLabels = rs.getSpec().getTemplate().getMetadata() == null
                ? Map.of() : rs.getSpec().getTemplate().getMetadata().getLabels();
        ReplicaSetStatus status = new ReplicaSetStatus();
        status.setReplicas(active.size());
        status.setFullyLabeledReplicas((int) active.stream()
                .filter(p -> p.getMetadata().getLabels().entrySet().containsAll(templateLabels.entrySet())).count());
        status.setReadyReplicas((int) active.stream().filter(WorkloadSupport::isReady).count());
        status.setAvailableReplicas((int) active.stream()
                .filter(p -> WorkloadSupport.isAvailable(p, rs.getSpec().getMinReadySeconds(), now)).count());
        status.setObservedGeneration(rs.getMetadata().getGeneration());
        if (status.getReadyReplicas() > status.getAvailableReplicas()) {
            // Available once minReadySeconds pass: look again then.
            queue.addAfter(WorkloadSupport.key(rs), 1000L * rs.getSpec().getMinReadySeconds());
        }
        return status;
    }

    private void createPod(ReplicaSet rs) {
        PodTemplateSpec template = rs.getSpec().getTemplate();
        String name = rs.getMetadata().getName() + "-" + WorkloadSupport.randomSuffix();
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(rs.getMetadata().getNamespace())
                .withLabels(template.getMetadata() == null ? Map.of() : template.getMetadata().getLabels())
                .withAnnotations(template.getMetadata() == null ? Map.of() : template.getMetadata().getAnnotations())
                .withOwnerReferences(WorkloadSupport.controllerReference(rs))
                .endMetadata()
                .withSpec(client.getKubernetesSerialization().clone(template.getSpec()))
                .build();
        creations.expect(rs.getMetadata().getUid(), name);
        try {
            client.pods().inNamespace(rs.getMetadata().getNamespace()).resource(pod).create();
            LOG.debug("created pod {} for replicaset {}", name, rs.getMetadata().getName());
        } catch (KubernetesClientException e) {
            creations.observed(rs.getMetadata().getUid(), name);
            throw e;
        }
    }

    private void deletePod(String ownerUid, Pod pod) {
        deletions.expect(ownerUid, pod.getMetadata().getName());
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        } catch (KubernetesClientException e) {
            deletions.observed(ownerUid, pod.getMetadata().getName());
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private void writeStatus(ReplicaSet rs, ReplicaSetStatus status) {
        if (!Objects.equals(rs.getStatus(), status)) {
            WorkloadSupport.writeStatus(client, ReplicaSet.class, rs, current -> current.setStatus(status));
        }
    }

    @Override
    public void close() {
        queue.close();
        if (replicaSets != null) {
            replicaSets.close();
        }
        if (pods != null) {
            pods.close();
        }
    }
}
