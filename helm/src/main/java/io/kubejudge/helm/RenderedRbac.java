package io.kubejudge.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The RBAC rules a rendered chart grants each ServiceAccount, and whether they allow a request,
 * evaluated as Kubernetes' RBAC authorizer does (a Role through a RoleBinding: that namespace only;
 * a ClusterRole through a ClusterRoleBinding: every namespace and cluster-wide requests). Used to
 * hold the rules against the requests the components are seen to make.
 */
public final class RenderedRbac {
    /**
     * What Kubernetes grants every authenticated user (ClusterRole system:basic-user), so the chart
     * need not: JOSDK's leader election checks its Lease rights with a SelfSubjectRulesReview.
     */
    public static final List<PolicyRule> KUBERNETES_DEFAULTS = List.of(new PolicyRuleBuilder()
            .withApiGroups("authorization.k8s.io")
            .withResources("selfsubjectaccessreviews", "selfsubjectrulesreviews")
            .withVerbs("create").build());

    /**
     * Paths outside the resource API that Kubernetes lets every authenticated user read
     * (ClusterRoles system:discovery, system:public-info-viewer): discovery and the version.
     */
    public static final List<String> DISCOVERY_PATHS = List.of("/api", "/apis", "/version", "/openapi",
            "/healthz", "/livez", "/readyz");

    /** Whether a GET of a non-resource path is allowed to every authenticated user. */
    public static boolean isDiscovery(String path) {
        return DISCOVERY_PATHS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    /** One rule as bound to a ServiceAccount: where it applies (null namespace: everywhere) and from which role. */
    public record Grant(String role, String namespace, PolicyRule rule) {
        public boolean allows(RbacRequest request) {
            return (namespace == null || namespace.equals(request.namespace()))
                    && matches(rule.getVerbs(), request.verb())
                    && matches(rule.getApiGroups(), request.apiGroup() == null ? "" : request.apiGroup())
                    && matches(rule.getResources(), request.fullResource())
                    && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                        || rule.getResourceNames().contains(request.name()));
        }

        private static boolean matches(List<String> allowed, String value) {
            return allowed != null && allowed.contains(value);
        }
    }

    private final List<HasMetadata> objects;

    private RenderedRbac(List<HasMetadata> objects) {
        this.objects = objects;
    }

    public static RenderedRbac of(Rendering rendering) {
        return new RenderedRbac(rendering.objects());
    }

    public static RenderedRbac of(List<HasMetadata> objects) {
        return new RenderedRbac(objects);
    }

    /** Every rule bound to the ServiceAccount, through any (Cluster)RoleBinding of the rendering. */
    public List<Grant> grantsOf(String serviceAccountNamespace, String serviceAccount) {
        List<Grant> grants = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof RoleBinding b && binds(b.getSubjects(), serviceAccountNamespace, serviceAccount)) {
                String ns = b.getMetadata().getNamespace();
                rulesOf(b.getRoleRef(), ns).forEach(r -> grants.add(new Grant(roleName(b.getRoleRef(), ns), ns, r)));
            } else if (o instanceof ClusterRoleBinding b && binds(b.getSubjects(), serviceAccountNamespace, serviceAccount)) {
                rulesOf(b.getRoleRef(), null).forEach(r -> grants.add(new Grant(roleName(b.getRoleRef(), null), null, r)));
            }
        }
        return grants;
    }

    /** The grant that allows the request, if any (Kubernetes' defaults for authenticated users included). */
    public Optional<Grant> allowing(String serviceAccountNamespace, String serviceAccount, RbacRequest request) {
        return Optional.ofNullable(grantsOf(serviceAccountNamespace, serviceAccount).stream()
                .filter(g -> g.allows(request)).findFirst()
                .orElseGet(() -> KUBERNETES_DEFAULTS.stream().map(r -> new Grant("ClusterRole/system:basic-user", null, r))
                        .filter(g -> g.allows(request)).findFirst().orElse(null)));
    }

    private static boolean binds(List<Subject> subjects, String namespace, String name) {
        return subjects != null && subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
                && name.equals(s.getName()) && namespace.equals(s.getNamespace()));
    }

    private List<PolicyRule> rulesOf(RoleRef ref, String bindingNamespace) {
        for (HasMetadata o : objects) {
            if ("ClusterRole".equals(ref.getKind()) && o instanceof ClusterRole r && ref.getName().equals(r.getMetadata().getName())) {
                return r.getRules() == null ? List.of() : r.getRules();
            }
            if ("Role".equals(ref.getKind()) && o instanceof Role r && ref.getName().equals(r.getMetadata().getName())
                    && Objects.equals(bindingNamespace, r.getMetadata().getNamespace())) {
                return r.getRules() == null ? List.of() : r.getRules();
            }
        }
        throw new ChartException("binding refers to " + ref.getKind() + " " + ref.getName()
                + (bindingNamespace == null ? "" : " in " + bindingNamespace) + ", which the chart does not render");
    }

    private static String roleName(RoleRef ref, String namespace) {
        return ref.getKind() + "/" + (namespace == null || "ClusterRole".equals(ref.getKind()) ? "" : namespace + "/") + ref.getName();
    }
}
