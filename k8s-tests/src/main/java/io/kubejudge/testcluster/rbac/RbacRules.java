package io.kubejudge.testcluster.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' RBAC authorizer over a fixed set of Roles, ClusterRoles and their bindings (for instance
 * a rendered Helm chart), for service-account users: a RoleBinding grants its role's rules inside the
 * binding's namespace only, a ClusterRoleBinding everywhere; a rule matches when its apiGroups,
 * resources ({@code resource/subresource} for a subresource), verbs and resourceNames (if any) all
 * match. As in Kubernetes, rules only add permissions: there is no deny.
 */
public final class RbacRules {

    /** One rule as granted: where it applies ({@code null}: every namespace and cluster-scoped objects). */
    public record Grant(String role, String scope, PolicyRule rule) {

        /** A readable name for reports: {@code Role kubejudge/kubejudge-operator: [get list] [""] [pods]}. */
        public String describe() {
            return role + " (" + (scope == null ? "cluster-wide" : "in " + scope) + "): verbs " + rule.getVerbs()
                    + " apiGroups " + rule.getApiGroups() + " resources " + rule.getResources()
                    + (rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? "" : " names " + rule.getResourceNames());
        }
    }

    private final Map<String, List<Grant>> grantsByUser;

    private RbacRules(Map<String, List<Grant>> grantsByUser) {
        this.grantsByUser = grantsByUser;
    }

    /**
     * Kubernetes' own roles the chart binds for an aggregated API server (externalMetrics.provider
     * operator). Their bindings grant nothing here: the requests they are for (a SubjectAccessReview
     * per external metrics request, the get of kube-system/extension-apiserver-authentication) are made
     * only by the deployed operator's HTTPS endpoint when kube-apiserver's front proxy calls it, which
     * this cluster has not (its HPA controller reads the hand-built operator's plain HTTP server; the
     * install test renders provider none). ExternalMetricsTlsQuarkusTest (operator) covers those
     * requests. Any such request here is refused like any other the chart's own rules do not allow.
     */
    static final java.util.Set<String> KUBERNETES_ROLES = java.util.Set.of(
            "ClusterRole system:auth-delegator", "Role extension-apiserver-authentication-reader");

    /** The authorizer of these objects; anything that is not an RBAC object is ignored. */
    public static RbacRules of(List<? extends HasMetadata> objects) {
        Map<String, Role> roles = new HashMap<>();
        Map<String, ClusterRole> clusterRoles = new HashMap<>();
        for (HasMetadata o : objects) {
            if (o instanceof Role r) {
                roles.put(r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(), r);
            } else if (o instanceof ClusterRole c) {
                clusterRoles.put(c.getMetadata().getName(), c);
            }
        }
        Map<String, List<Grant>> grants = new HashMap<>();
        for (HasMetadata o : objects) {
            if (o instanceof RoleBinding b && KUBERNETES_ROLES.contains(b.getRoleRef().getKind() + " " + b.getRoleRef().getName())
                    || o instanceof ClusterRoleBinding c && KUBERNETES_ROLES.contains("ClusterRole " + c.getRoleRef().getName())) {
                continue;
            }
            if (o instanceof RoleBinding b) {
                String namespace = b.getMetadata().getNamespace();
                List<PolicyRule> rules = rulesOf(b.getRoleRef(), namespace, roles, clusterRoles)
                        .orElseThrow(() -> new IllegalArgumentException("RoleBinding " + namespace + "/" + b.getMetadata().getName()
                                + " refers to " + b.getRoleRef().getKind() + " " + b.getRoleRef().getName() + ", which is not among the objects"));
                String role = b.getRoleRef().getKind() + " " + b.getRoleRef().getName();
                addGrants(grants, b.getSubjects(), namespace, role, namespace, rules);
            } else if (o instanceof ClusterRoleBinding b) {
                ClusterRole role = clusterRoles.get(b.getRoleRef().getName());
                if (role == null) {
                    throw new IllegalArgumentException("ClusterRoleBinding " + b.getMetadata().getName() + " refers to ClusterRole "
                            + b.getRoleRef().getName() + ", which is not among the objects");
                }
                addGrants(grants, b.getSubjects(), null, "ClusterRole " + role.getMetadata().getName(), null, role.getRules());
            }
        }
        return new RbacRules(grants);
    }

    private static Optional<List<PolicyRule>> rulesOf(RoleRef ref, String namespace, Map<String, Role> roles,
                                                      Map<String, ClusterRole> clusterRoles) {
        if ("ClusterRole".equals(ref.getKind())) {
            return Optional.ofNullable(clusterRoles.get(ref.getName())).map(ClusterRole::getRules);
        }
        return Optional.ofNullable(roles.get(namespace + "/" + ref.getName())).map(Role::getRules);
    }

    private static void addGrants(Map<String, List<Grant>> grants, List<Subject> subjects, String bindingNamespace,
                                  String role, String scope, List<PolicyRule> rules) {
        for (Subject s : subjects == null ? List.<Subject>of() : subjects) {
            if (!"ServiceAccount".equals(s.getKind())) {
                continue;
            }
            String namespace = s.getNamespace() != null ? s.getNamespace() : bindingNamespace;
            String user = serviceAccountUser(namespace, s.getName());
            for (PolicyRule rule : rules == null ? List.<PolicyRule>of() : rules) {
                grants.computeIfAbsent(user, k -> new ArrayList<>()).add(new Grant(role, scope, rule));
            }
        }
    }

    /** The user name Kubernetes gives a service account's token. */
    public static String serviceAccountUser(String namespace, String name) {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    /** Every rule granted to the user. */
    public List<Grant> grantsOf(String user) {
        return grantsByUser.getOrDefault(user, List.of());
    }

    /** The users any binding names. */
    public java.util.Set<String> users() {
        return grantsByUser.keySet();
    }

    /**
     * The grants that allow the request (empty: forbidden). {@code namespace} null for cluster-scoped
     * objects and for requests across all namespaces, {@code subresource} and {@code name} null when absent.
     */
    public List<Grant> allowing(String user, String verb, String apiGroup, String resource, String subresource,
                                String namespace, String name) {
        String qualified = subresource == null || subresource.isEmpty() ? resource : resource + "/" + subresource;
        List<Grant> allowing = new ArrayList<>();
        for (Grant g : grantsOf(user)) {
            if (g.scope() != null && !g.scope().equals(namespace)) {
                continue;
            }
            PolicyRule r = g.rule();
            if (matches(r.getVerbs(), verb) && matches(r.getApiGroups(), apiGroup == null ? "" : apiGroup)
                    && matches(r.getResources(), qualified) && namesMatch(r.getResourceNames(), name)) {
                allowing.add(g);
            }
        }
        return allowing;
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed != null && (allowed.contains("*") || allowed.contains(value));
    }

    private static boolean namesMatch(List<String> names, String name) {
        return names == null || names.isEmpty() || (name != null && names.contains(name));
    }
}
