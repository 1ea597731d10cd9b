package io.kubejudge.testcluster.controller;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stand-in for Kubernetes' Deployment controller. The pod template's hash names the current
 * ReplicaSet ({@code <deployment>-<hash>}, label {@code pod-template-hash} on it, its selector and
 * its pods; owned by the Deployment; annotation {@code deployment.kubernetes.io/revision}).
 * {@code RollingUpdate} is simplified to surge-then-retire: the new ReplicaSet is scaled to the full
 * replica count at once and the old ones to zero once it is fully available (as {@code maxUnavailable: 0}
 * with a 100% surge); {@code Recreate} scales the old ones to zero and waits for their pods to go first.
 * Status: replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas,
 * observedGeneration and the {@code Available} and {@code Progressing} conditions
 * ({@code progressDeadlineSeconds} is not enforced).
 */
public final class DeploymentController implements AutoCloseable {

    public static final String POD_TEMPLATE_HASH = "pod-template-hash";
    static final String REVISION = "deployment.kubernetes.io/revision";

    private final KubernetesClient client;
    private final WorkQueue queue;
    private SharedIndexInformer<Deployment> deployments;
    private SharedIndexInformer<ReplicaSet> replicaSets;

    public DeploymentController(KubernetesClient client) {
        this.client = client;
        this.queue = new WorkQueue("test-cluster-deployment-controller", 2, this::reconcile);
    }

    public DeploymentController start() {
        deployments = client.apps().deployments().inAnyNamespace()
                .inform(WorkloadSupport.onAnyChange((Deployment d) -> queue.add(WorkloadSupport.key(d))), 0);
        replicaSets = client.apps().replicaSets().inAnyNamespace().inform(WorkloadSupport.onAnyChange((ReplicaSet rs) ->
                WorkloadSupport.controllerOf(rs, "Deployment").ifPresent(owner ->
                        queue.add(WorkloadSupport.key(rs.getMetadata().getNamespace(), owner.getName())))), 0);
        return this;
    }

    private void reconcile(String key) {
        Deployment d = deployments.getStore().getByKey(key);
        if (d == null || d.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        List<ReplicaSet> owned = replicaSets.getStore().list().stream()
                .filter(rs -> rs.getMetadata().getNamespace().equals(d.getMetadata().getNamespace()))
                .filter(rs -> WorkloadSupport.controlledBy(rs, d))
                .toList();
        String hash = WorkloadSupport.templateHash(client, d.getSpec().getTemplate());
        ReplicaSet current = owned.stream()
                .filter(rs -> hash.equals(rs.getMetadata().getLabels().get(POD_TEMPLATE_HASH))).findFirst().orElse(null);
        if (current == null) {
            createReplicaSet(d, hash, owned);
            return; // its informer event brings us back
        }
        List<ReplicaSet> old = owned.stream().filter(rs -> rs != current).toList();
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        boolean recreate = d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType());
        int currentTarget = replicas;
        if (recreate) {
            old.forEach(rs -> scale(rs, 0));
            if (old.stream().anyMatch(rs -> rs.getStatus() != null && nonZero(rs.getStatus().getReplicas()))) {
                currentTarget = 0;
            }
        } else if (current.getStatus() != null && count(current.getStatus().getAvailableReplicas()) >= replicas) {
            old.forEach(rs -> scale(rs, 0));
        }
        scale(current, currentTarget);
        writeStatus(d, status(d, current, owned, replicas));
    }

    private void createReplicaSet(Deployment d, String hash, List<ReplicaSet> existing) {
        PodTemplateSpec template = client.getKubernetesSerialization().clone(d.getSpec().getTemplate());
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMetaBuilder().build());
        }
        Map<String, String> podLabels = new LinkedHashMap<>(template.getMetadata().getLabels());
        podLabels.put(POD_TEMPLATE_HASH, hash);
        template.getMetadata().setLabels(podLabels);
        LabelSelector selector = new LabelSelectorBuilder(d.getSpec().getSelector()).addToMatchLabels(POD_TEMPLATE_HASH, hash).build();
        long revision = 1 + existing.stream()
                .mapToLong(rs -> Long.parseLong(rs.getMetadata().getAnnotations().getOrDefault(REVISION, "0"))).max().orElse(0);
        boolean recreate = d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType());
        ReplicaSet rs = new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(d.getMetadata().getName() + "-" + hash)
                .withNamespace(d.getMetadata().getNamespace())
                .withLabels(podLabels)
                .addToAnnotations(REVISION, Long.toString(revision))
                .addToAnnotations("deployment.kubernetes.io/desired-replicas",
                        Integer.toString(d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas()))
                .withOwnerReferences(WorkloadSupport.controllerReference(d))
                .endMetadata()
                .withNewSpec()
                .withReplicas(recreate && !existing.isEmpty() ? 0 : d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas())
                .withMinReadySeconds(d.getSpec().getMinReadySeconds())
                .withSelector(selector)
                .withTemplate(template)
                .endSpec()
                .build();
        try {
            client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).resource(rs).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    private void scale(ReplicaSet rs, int replicas) {
        if (Objects.equals(rs.getSpec().getReplicas(), replicas)) {
            return;
        }
        client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName())
                .edit(r -> {
                    r.getSpec().setReplicas(replicas);
                    return r;
                });
    }

    private DeploymentStatus status(Deployment d, ReplicaSet current, List<ReplicaSet> owned, int replicas) {
        DeploymentStatus status = new DeploymentStatus();
        int total = 0;
        int ready = 0;
        int available = 0;
        for (ReplicaSet rs : owned) {
            if (rs.getStatus() != null) {
                total += count(rs.getStatus().getReplicas());
                ready += count(rs.getStatus().getReadyReplicas());
                available += count(rs.getStatus().getAvailableReplicas());
            }
        }
        int updated = current.getStatus() == null ? 0 : count(current.getStatus().getReplicas());
        status.setReplicas(total);
        status.setUpdatedReplicas(updated);
        status.setReadyReplicas(ready);
        status.setAvailableReplicas(available);
        status.setUnavailableReplicas(Math.max(0, replicas - available));
        status.setObservedGeneration(d.getMetadata().getGeneration());

        int maxUnavailable = d.getSpec().getStrategy() != null && d.getSpec().getStrategy().getRollingUpdate() != null
                ? WorkloadSupport.scaled(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable(), replicas, replicas / 4, false)
                : "Recreate".equals(d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getType()) ? replicas : replicas / 4;
        List<DeploymentCondition> conditions = new ArrayList<>();
        DeploymentStatus previous = d.getStatus();
        boolean minimumAvailable = available >= replicas - maxUnavailable;
        conditions.add(condition(previous, "Available", minimumAvailable,
                minimumAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                minimumAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability."));
        boolean complete = updated == replicas && total == replicas && available == replicas;
        String rsName = current.getMetadata().getName();
        conditions.add(condition(previous, "Progressing", true,
                complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                complete ? "ReplicaSet \"" + rsName + "\" has successfully progressed." : "ReplicaSet \"" + rsName + "\" is progressing."));
        status.setConditions(conditions);
        return status;
    }

    /** A condition, keeping the transition time (and update time when nothing changed) of the previous one. */
    private static DeploymentCondition condition(DeploymentStatus previous, String type, boolean value, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        DeploymentCondition old = previous == null ? null : previous.getConditions().stream()
                .filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String status = value ? "True" : "False";
        boolean same = old != null && status.equals(old.getStatus());
        boolean unchanged = same && reason.equals(old.getReason()) && message.equals(old.getMessage());
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(same ? old.getLastTransitionTime() : now)
                .withLastUpdateTime(unchanged ? old.getLastUpdateTime() : now)
                .build();
    }

    private void writeStatus(Deployment d, DeploymentStatus status) {
        if (!Objects.equals(d.getStatus(), status)) {
            WorkloadSupport.writeStatus(client, Deployment.class, d, current -> current.setStatus(status));
        }
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }

    private static boolean nonZero(Integer n) {
        return n != null && n != 0;
    }

    @Override
    public void close() {
        queue.close();
        if (deployments != null) {
            deployments.close();
        }
        if (replicaSets != null) {
            replicaSets.close();
        }
    }
}
