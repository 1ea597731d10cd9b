package io.kubejudge.testcluster.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.kubejudge.testcluster.apiserver.ApiRequest;
import io.kubejudge.testcluster.rbac.RbacUsage.Excused;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacUsageTest {

    private static final String API = RbacRules.serviceAccountUser("kj", "api");

    /** The same Role (get, patch on pools) in two namespaces. */
    private final RbacRules rules = RbacRules.of(both());

    private static List<HasMetadata> both() {
        List<HasMetadata> objects = new ArrayList<>(roleIn("a"));
        objects.addAll(roleIn("b"));
        return objects;
    }

    private static List<HasMetadata> roleIn(String namespace) {
        return List.of(
                new RoleBuilder().withNewMetadata().withName("api").withNamespace(namespace).endMetadata()
                        .withRules(new PolicyRuleBuilder().withApiGroups("kubejudge.io").withResources("judgenodepools")
                                .withVerbs("get", "patch").build()).build(),
                new RoleBindingBuilder().withNewMetadata().withName("api").withNamespace(namespace).endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "api")
                        .addNewSubject().withKind("ServiceAccount").withName("api").withNamespace("kj").endSubject().build());
    }

    private static ApiRequest request(String verb, String namespace) {
        return new ApiRequest(API, verb, "kubejudge.io", "judgenodepools", null, namespace, "default", null);
    }

    @Test
    void aRuleGrantedInSeveralNamespacesIsUsedWhenAnyOfThemUsesIt() {
        List<ApiRequest> requests = List.of(request("get", "a"), request("patch", "b"));
        assertThat(RbacUsage.unused(rules, API, requests, List.of())).isEmpty();
        assertThat(RbacUsage.refused(rules, API, requests)).isEmpty();
    }

    @Test
    void anUnusedVerbIsReportedUnlessExcused() {
        List<ApiRequest> requests = List.of(request("get", "a"));
        assertThat(RbacUsage.unused(rules, API, requests, List.of())).containsExactly("Role api: patch kubejudge.io/judgenodepools");
        assertThat(RbacUsage.unused(rules, API, requests, List.of(new Excused("patch", "kubejudge.io", "judgenodepools", "why"))))
                .isEmpty();
    }

    @Test
    void aRequestOutsideTheRolesNamespacesIsRefused() {
        assertThat(RbacUsage.refused(rules, API, List.of(request("get", "c")))).hasSize(1);
    }
}
