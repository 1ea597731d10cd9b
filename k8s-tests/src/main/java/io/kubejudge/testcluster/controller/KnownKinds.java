package io.kubejudge.testcluster.controller;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;

/**
 * The namespaced kinds the test cluster's garbage collector tracks, as owners and as dependents:
 * what KubeJudge creates and owns. The mock API server has no discovery to find them by.
 */
public final class KnownKinds {

    public static final List<ResourceDefinitionContext> ALL = List.of(
            kind("", "v1", "Pod", "pods"),
            kind("", "v1", "ConfigMap", "configmaps"),
            kind("", "v1", "Secret", "secrets"),
            kind("", "v1", "Service", "services"),
            kind("", "v1", "ResourceQuota", "resourcequotas"),
            kind("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims"),
            kind("apps", "v1", "Deployment", "deployments"),
            kind("apps", "v1", "ReplicaSet", "replicasets"),
            kind("apps", "v1", "StatefulSet", "statefulsets"),
            kind("batch", "v1", "Job", "jobs"),
            kind("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers"),
            kind("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies"),
            kind("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets"),
            kind("kubejudge.io", "v1alpha1", "JudgeSubmission", "judgesubmissions"),
            kind("kubejudge.io", "v1alpha1", "JudgeProblem", "judgeproblems"),
            kind("kubejudge.io", "v1alpha1", "JudgeNodePool", "judgenodepools"));

    private KnownKinds() {
    }

    /** The kind an owner reference names (its apiVersion's group, and the kind). */
    public static Optional<ResourceDefinitionContext> of(String apiVersion, String kind) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return ALL.stream().filter(k -> k.getKind().equals(kind) && k.getGroup().equals(group)).findFirst();
    }

    private static ResourceDefinitionContext kind(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withNamespaced(true).build();
    }
}
