package io.kubejudge.testcluster.controller;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stand-in for Kubernetes' StatefulSet controller. Pods are {@code <set>-0 .. <set>-(n-1)}
 * (hostname = pod name, subdomain = {@code serviceName}, labels {@code statefulset.kubernetes.io/pod-name},
 * {@code apps.kubernetes.io/pod-index}, {@code controller-revision-hash}), owned by the set. With the
 * default {@code OrderedReady} policy each pod is created only once every lower ordinal is Running and
 * Ready, and scaling down removes the highest ordinal first, one at a time; {@code Parallel} creates
 * and removes them all at once. Each {@code volumeClaimTemplates} entry gives a claim
 * {@code <claim>-<set>-<ordinal>}, created before the pod and bound at once ({@link VolumeBinder});
 * {@code persistentVolumeClaimRetentionPolicy} as Kubernetes implements it, with owner references
 * for the garbage collector: {@code whenDeleted: Delete} makes the set an owner of its claims,
 * {@code whenScaled: Delete} makes a condemned pod the owner of its claims before it is deleted
 * ({@code Retain}, the default, keeps them). A template change rolls
 * the pods from the highest ordinal down ({@code RollingUpdate}, no partition). A failed pod is
 * deleted and made again. Status: replicas, readyReplicas, currentReplicas, updatedReplicas,
 * availableReplicas, currentRevision, updateRevision, observedGeneration.
 */
public final class StatefulSetController implements AutoCloseable {

    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    public static final String REVISION_LABEL = "controller-revision-hash";

    private final KubernetesClient client;
    private final WorkQueue queue;
    private SharedIndexInformer<StatefulSet> sets;
    private SharedIndexInformer<Pod> pods;

    public StatefulSetController(KubernetesClient client) {
        this.client = client;
        this.queue = new WorkQueue("test-cluster-statefulset-controller", 2, this::reconcile);
    }

    public StatefulSetController start() {
        sets = client.apps().statefulSets().inAnyNamespace()
                .inform(WorkloadSupport.onAnyChange((StatefulSet s) -> queue.add(WorkloadSupport.key(s))), 0);
        pods = client.pods().inAnyNamespace().inform(WorkloadSupport.onAnyChange((Pod p) ->
                WorkloadSupport.controllerOf(p, "StatefulSet").ifPresent(owner ->
                        queue.add(WorkloadSupport.key(p.getMetadata().getNamespace(), owner.getName())))), 0);
        return this;
    }

    private void reconcile(String key) {
        StatefulSet set = sets.getStore().getByKey(key);
        if (set == null || set.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String namespace = set.getMetadata().getNamespace();
        String name = set.getMetadata().getName();
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        boolean parallel = "Parallel".equals(set.getSpec().getPodManagementPolicy());
        String revision = name + "-" + WorkloadSupport.templateHash(client, set.getSpec().getTemplate());

        Map<Integer, Pod> byOrdinal = new HashMap<>();
        List<Pod> condemned = new ArrayList<>();
        for (Pod pod : pods.getStore().list()) {
            if (!pod.getMetadata().getNamespace().equals(namespace) || !WorkloadSupport.controlledBy(pod, set)) {
                continue;
            }
            int ordinal = ordinal(name, pod.getMetadata().getName());
            if (ordinal < 0) {
                continue;
            }
            if (ordinal < replicas) {
                byOrdinal.put(ordinal, pod);
            } else {
                condemned.add(pod);
            }
        }

        boolean blocked = false;
        for (int i = 0; i < replicas && !blocked; i++) {
            Pod pod = byOrdinal.get(i);
            if (pod == null) {
                createPod(set, i, revision);
                blocked = !parallel;
            } else if (isFailed(pod)) {
                delete(pod);
                blocked = !parallel;
            } else if (!parallel && (!WorkloadSupport.isActive(pod) || !WorkloadSupport.isReady(pod))) {
                blocked = true;
            }
        }
        // Scale down from the highest ordinal, once the pods that stay are all there and ready.
        if (!blocked) {
            condemned.sort((a, b) -> ordinal(name, b.getMetadata().getName()) - ordinal(name, a.getMetadata().getName()));
            for (Pod pod : condemned) {
                if (pod.getMetadata().getDeletionTimestamp() == null) {
                    if ("Delete".equals(retention(set).getWhenScaled())) {
                        claimsOf(set, pod.getMetadata().getName()).forEach(claim -> addOwner(namespace, claim, pod));
                    }
                    delete(pod);
                }
                if (!parallel) {
                    blocked = true;
                    break;
                }
            }
        }
        // Roll pods onto the new template, highest ordinal first, one at a time.
        boolean allReady = byOrdinal.size() == replicas && byOrdinal.values().stream()
                .allMatch(p -> WorkloadSupport.isActive(p) && WorkloadSupport.isReady(p));
        if (!blocked && condemned.isEmpty() && allReady) {
            for (int i = replicas - 1; i >= 0; i--) {
                Pod pod = byOrdinal.get(i);
                if (!revision.equals(pod.getMetadata().getLabels().get(REVISION_LABEL))) {
                    delete(pod);
                    break;
                }
            }
        }
        writeStatus(set, status(set, byOrdinal, condemned, revision));
    }

    private StatefulSetStatus status(StatefulSet set, Map<Integer, Pod> byOrdinal, List<Pod> condemned, String revision) {
        List<Pod> all = new ArrayList<>(byOrdinal.values());
        all.addAll(condemned);
        Instant now = Instant.now();
        StatefulSetStatus status = new StatefulSetStatus();
        status.setObservedGeneration(set.getMetadata().getGeneration());
        status.setReplicas((int) all.stream().filter(WorkloadSupport::isActive).count());
        status.setReadyReplicas((int) all.stream().filter(p -> WorkloadSupport.isActive(p) && WorkloadSupport.isReady(p)).count());
        status.setAvailableReplicas((int) all.stream()
                .filter(p -> WorkloadSupport.isActive(p) && WorkloadSupport.isAvailable(p, set.getSpec().getMinReadySeconds(), now))
                .count());
        int updated = (int) all.stream().filter(WorkloadSupport::isActive)
                .filter(p -> revision.equals(p.getMetadata().getLabels().get(REVISION_LABEL))).count();
        status.setUpdatedReplicas(updated);
        status.setCurrentReplicas(updated);
        status.setCurrentRevision(revision);
        status.setUpdateRevision(revision);
        status.setCollisionCount(0);
        return status;
    }

    private void createPod(StatefulSet set, int ordinal, String revision) {
        String namespace = set.getMetadata().getNamespace();
        String setName = set.getMetadata().getName();
        String podName = setName + "-" + ordinal;
        PodTemplateSpec template = set.getSpec().getTemplate();
        PodSpec spec = client.getKubernetesSerialization().clone(template.getSpec());
        spec.setHostname(podName);
        spec.setSubdomain(set.getSpec().getServiceName());
        List<Volume> volumes = new ArrayList<>(spec.getVolumes());
        for (PersistentVolumeClaim claimTemplate : set.getSpec().getVolumeClaimTemplates()) {
            String volumeName = claimTemplate.getMetadata().getName();
            String claimName = volumeName + "-" + podName;
            ensureClaim(set, claimTemplate, claimName);
            volumes.removeIf(v -> v.getName().equals(volumeName));
            volumes.add(new VolumeBuilder().withName(volumeName).withNewPersistentVolumeClaim()
                    .withClaimName(claimName).endPersistentVolumeClaim().build());
        }
        spec.setVolumes(volumes);
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata() == null ? Map.of() : template.getMetadata().getLabels());
        labels.put(POD_NAME_LABEL, podName);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        labels.put(REVISION_LABEL, revision);
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(podName)
                .withNamespace(namespace)
                .withLabels(labels)
                .withAnnotations(template.getMetadata() == null ? Map.of() : template.getMetadata().getAnnotations())
                .withOwnerReferences(WorkloadSupport.controllerReference(set))
                .endMetadata()
                .withSpec(spec)
                .build();
        try {
            client.pods().inNamespace(namespace).resource(pod).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) { // made already; our cache has not seen it yet
                throw e;
            }
        }
    }

    private static io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy retention(StatefulSet set) {
        var policy = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
        return policy != null ? policy
                : new io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy("Retain", "Retain");
    }

    private static List<String> claimsOf(StatefulSet set, String podName) {
        return set.getSpec().getVolumeClaimTemplates().stream().map(t -> t.getMetadata().getName() + "-" + podName).toList();
    }

    /** An owner reference (not a controller one) for the garbage collector to delete the claim with its owner. */
    private void addOwner(String namespace, String claimName, io.fabric8.kubernetes.api.model.HasMetadata owner) {
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
        if (claim == null || claim.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> owner.getMetadata().getUid().equals(r.getUid()))) {
            return;
        }
        client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).edit(c -> {
            c.getMetadata().getOwnerReferences().add(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                    .withApiVersion(owner.getApiVersion()).withKind(owner.getKind()).withName(owner.getMetadata().getName())
                    .withUid(owner.getMetadata().getUid()).withBlockOwnerDeletion(true).build());
            return c;
        });
    }

    private void ensureClaim(StatefulSet set, PersistentVolumeClaim template, String claimName) {
        String namespace = set.getMetadata().getNamespace();
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
        if (claim != null && "Delete".equals(retention(set).getWhenDeleted())) {
            addOwner(namespace, claimName, set);
        }
        if (claim == null) {
            Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels() == null
                    ? Map.of() : template.getMetadata().getLabels());
            if (set.getSpec().getSelector() != null && set.getSpec().getSelector().getMatchLabels() != null) {
                labels.putAll(set.getSpec().getSelector().getMatchLabels());
            }
            claim = client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName(claimName).withNamespace(namespace).withLabels(labels)
                    .withAnnotations(template.getMetadata().getAnnotations())
                    .withOwnerReferences("Delete".equals(retention(set).getWhenDeleted())
                            ? List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder().withApiVersion(set.getApiVersion())
                                    .withKind(set.getKind()).withName(set.getMetadata().getName()).withUid(set.getMetadata().getUid())
                                    .withBlockOwnerDeletion(true).build())
                            : List.of())
                    .endMetadata()
                    .withSpec(client.getKubernetesSerialization().clone(template.getSpec()))
                    .build()).create();
        }
        VolumeBinder.bind(client, claim);
    }

    private void delete(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private void writeStatus(StatefulSet set, StatefulSetStatus status) {
        if (!Objects.equals(set.getStatus(), status)) {
            WorkloadSupport.writeStatus(client, StatefulSet.class, set, current -> current.setStatus(status));
        }
    }

    private static boolean isFailed(Pod pod) {
        return pod.getStatus() != null && ("Failed".equals(pod.getStatus().getPhase()) || "Succeeded".equals(pod.getStatus().getPhase()))
                && pod.getMetadata().getDeletionTimestamp() == null;
    }

    /** The ordinal of {@code <set>-<n>}, or -1 for a name not of that shape. */
    static int ordinal(String setName, String podName) {
        if (!podName.startsWith(setName + "-")) {
            return -1;
        }
        try {
            return Integer.parseInt(podName.substring(setName.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        queue.close();
        if (sets != null) {
            sets.close();
        }
        if (pods != null) {
            pods.close();
        }
    }
}
