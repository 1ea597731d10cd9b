package io.kubejudge.testcluster.apiserver;

import io.kubejudge.testcluster.apiserver.ResourceType.ScalePaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in kinds the test API server announces in discovery: those KubeJudge's chart, operator
 * and tests use. Names, short names, categories, scope and subresources copied from kube-apiserver
 * v1.32's discovery ({@code kubectl api-resources -o wide} of a v1.32 cluster); verbs simplified to
 * the full set, since the test server stores every kind alike.
 */
final class BuiltInResources {

    /** {@code .spec.selector} of the apps kinds is a LabelSelector: the scale subresource prints it as a string. */
    static final ScalePaths APPS_SCALE = new ScalePaths(".spec.replicas", ".status.replicas", ".spec.selector");

    /** Group -> its versions, preferred first, as /apis lists them. */
    static final Map<String, List<String>> GROUP_VERSIONS = new LinkedHashMap<>();
    static final List<ResourceType> ALL = new ArrayList<>();

    static {
        core("pods", "pod", "Pod", true, List.of("po"), List.of("all"), List.of("status", "log", "eviction"), null);
        core("services", "service", "Service", true, List.of("svc"), List.of("all"), List.of("status"), null);
        core("endpoints", "endpoints", "Endpoints", true, List.of("ep"), List.of(), List.of(), null);
        core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of(), List.of(), null);
        core("secrets", "secret", "Secret", true, List.of(), List.of(), List.of(), null);
        core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), List.of(), List.of("token"), null);
        core("namespaces", "namespace", "Namespace", false, List.of("ns"), List.of(), List.of("status", "finalize"), null);
        core("nodes", "node", "Node", false, List.of("no"), List.of(), List.of("status"), null);
        core("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, List.of("pvc"), List.of(),
                List.of("status"), null);
        core("persistentvolumes", "persistentvolume", "PersistentVolume", false, List.of("pv"), List.of(), List.of("status"), null);
        core("events", "event", "Event", true, List.of("ev"), List.of(), List.of(), null);
        core("resourcequotas", "resourcequota", "ResourceQuota", true, List.of("quota"), List.of(), List.of("status"), null);
        core("limitranges", "limitrange", "LimitRange", true, List.of("limits"), List.of(), List.of(), null);
        core("replicationcontrollers", "replicationcontroller", "ReplicationController", true, List.of("rc"), List.of("all"),
                List.of("status", "scale"), new ScalePaths(".spec.replicas", ".status.replicas", null));

        add("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), List.of("all"),
                List.of("status", "scale"), APPS_SCALE);
        add("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), List.of("all"),
                List.of("status", "scale"), APPS_SCALE);
        add("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, List.of("sts"), List.of("all"),
                List.of("status", "scale"), APPS_SCALE);
        add("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, List.of("ds"), List.of("all"), List.of("status"), null);
        add("apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true, List.of(), List.of(),
                List.of(), null);
        add("batch", "v1", "jobs", "job", "Job", true, List.of(), List.of("all"), List.of("status"), null);
        add("batch", "v1", "cronjobs", "cronjob", "CronJob", true, List.of("cj"), List.of("all"), List.of("status"), null);
        add("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", true,
                List.of("hpa"), List.of("all"), List.of("status"), null);
        add("autoscaling", "v1", "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", true,
                List.of("hpa"), List.of("all"), List.of("status"), null);
        add("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, List.of("pdb"),
                List.of(), List.of("status"), null);
        add("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, List.of("netpol"),
                List.of(), List.of(), null);
        add("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, List.of("ing"), List.of(), List.of("status"), null);
        add("networking.k8s.io", "v1", "ingressclasses", "ingressclass", "IngressClass", false, List.of(), List.of(), List.of(),
                null);
        add("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, List.of(), List.of(), List.of(), null);
        add("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, List.of(), List.of(),
                List.of(), null);
        add("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, List.of(), List.of(),
                List.of(), null);
        add("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false,
                List.of(), List.of(), List.of(), null);
        add("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), List.of(), List.of(), null);
        add("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), List.of(), List.of(), null);
        add("storage.k8s.io", "v1", "storageclasses", "storageclass", "StorageClass", false, List.of("sc"), List.of(),
                List.of(), null);
        add("scheduling.k8s.io", "v1", "priorityclasses", "priorityclass", "PriorityClass", false, List.of("pc"), List.of(),
                List.of(), null);
        add("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition",
                false, List.of("crd", "crds"), List.of(), List.of("status"), null);
    }

    private BuiltInResources() {
    }

    private static void core(String plural, String singular, String kind, boolean namespaced, List<String> shortNames,
            List<String> categories, List<String> subresources, ScalePaths scale) {
        add("", "v1", plural, singular, kind, namespaced, shortNames, categories, subresources, scale);
    }

    private static void add(String group, String version, String plural, String singular, String kind, boolean namespaced,
            List<String> shortNames, List<String> categories, List<String> subresources, ScalePaths scale) {
        ALL.add(new ResourceType(group, version, plural, singular, kind, namespaced, shortNames, categories, subresources,
                scale, List.of()));
        List<String> versions = GROUP_VERSIONS.computeIfAbsent(group, g -> new ArrayList<>());
        if (!versions.contains(version)) {
            versions.add(version);
        }
    }
}
