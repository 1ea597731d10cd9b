package io.kubejudge.testcluster.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacRulesTest {

    private static final String OPERATOR = RbacRules.serviceAccountUser("kj", "op");

    private final List<HasMetadata> objects = List.of(
            new ClusterRoleBuilder().withNewMetadata().withName("judging").endMetadata()
                    .withRules(new PolicyRuleBuilder().withApiGroups("batch").withResources("jobs").withVerbs("create", "get").build(),
                            new PolicyRuleBuilder().withApiGroups("kubejudge.io").withResources("judgenodepools/scale").withVerbs("patch").build())
                    .build(),
            new ClusterRoleBindingBuilder().withNewMetadata().withName("judging").endMetadata()
                    .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "judging")
                    .addNewSubject().withKind("ServiceAccount").withName("op").withNamespace("kj").endSubject().build(),
            new RoleBuilder().withNewMetadata().withName("leases").withNamespace("kj").endMetadata()
                    .withRules(new PolicyRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
                            .withResourceNames("kubejudge-operator").withVerbs("get", "update").build())
                    .build(),
            new RoleBindingBuilder().withNewMetadata().withName("leases").withNamespace("kj").endMetadata()
                    .withNewRoleRef("rbac.authorization.k8s.io", "Role", "leases")
                    .addNewSubject().withKind("ServiceAccount").withName("op").endSubject().build());

    private final RbacRules rbac = RbacRules.of(objects);

    @Test
    void aClusterRoleBindingAllowsInEveryNamespaceAndAcrossThem() {
        assertThat(rbac.allowing(OPERATOR, "create", "batch", "jobs", null, "judges", null)).hasSize(1);
        assertThat(rbac.allowing(OPERATOR, "get", "batch", "jobs", null, null, "j")).hasSize(1);
        assertThat(rbac.allowing(OPERATOR, "delete", "batch", "jobs", null, "judges", "j")).isEmpty();
        assertThat(rbac.allowing(OPERATOR, "create", "", "jobs", null, "judges", null)).as("another group").isEmpty();
    }

    @Test
    void aRoleBindingAllowsOnlyInItsNamespaceAndOnlyTheNamedObjects() {
        assertThat(rbac.allowing(OPERATOR, "get", "coordination.k8s.io", "leases", null, "kj", "kubejudge-operator")).hasSize(1);
        assertThat(rbac.allowing(OPERATOR, "get", "coordination.k8s.io", "leases", null, "other", "kubejudge-operator")).isEmpty();
        assertThat(rbac.allowing(OPERATOR, "get", "coordination.k8s.io", "leases", null, "kj", "another-lease")).isEmpty();
        assertThat(rbac.allowing(OPERATOR, "get", "coordination.k8s.io", "leases", null, "kj", null)).isEmpty();
    }

    @Test
    void aSubresourceNeedsItsOwnRule() {
        assertThat(rbac.allowing(OPERATOR, "patch", "kubejudge.io", "judgenodepools", "scale", "judges", "default")).hasSize(1);
        assertThat(rbac.allowing(OPERATOR, "patch", "kubejudge.io", "judgenodepools", null, "judges", "default")).isEmpty();
        assertThat(rbac.allowing(OPERATOR, "create", "batch", "jobs", "status", "judges", "j")).isEmpty();
    }

    @Test
    void anotherUserHasNothing() {
        assertThat(rbac.allowing(RbacRules.serviceAccountUser("kj", "api"), "get", "batch", "jobs", null, "judges", "j")).isEmpty();
        assertThat(rbac.grantsOf(OPERATOR)).hasSize(3);
    }

    @Test
    void aBindingToAMissingRoleIsAnError() {
        assertThatThrownBy(() -> RbacRules.of(List.of(new RoleBindingBuilder().withNewMetadata().withName("b").withNamespace("kj").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "nope").build())))
                .hasMessageContaining("Role nope");
    }

    @Test
    void bindingsToKubernetesOwnRolesForAggregatedApiServersGrantNothingHere() {
        List<HasMetadata> withBuiltIns = new java.util.ArrayList<>(objects);
        withBuiltIns.add(new ClusterRoleBindingBuilder().withNewMetadata().withName("kj-auth-delegator").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "system:auth-delegator")
                .addNewSubject().withKind("ServiceAccount").withName("op").withNamespace("kj").endSubject().build());
        withBuiltIns.add(new RoleBindingBuilder().withNewMetadata().withName("kj-auth-reader").withNamespace("kube-system").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "extension-apiserver-authentication-reader")
                .addNewSubject().withKind("ServiceAccount").withName("op").withNamespace("kj").endSubject().build());
        RbacRules rules = RbacRules.of(withBuiltIns);
        assertThat(rules.allowing(OPERATOR, "create", "authentication.k8s.io", "tokenreviews", null, null, null)).isEmpty();
        assertThat(rules.allowing(OPERATOR, "get", "", "configmaps", null, "kube-system", "extension-apiserver-authentication")).isEmpty();
        assertThat(rules.grantsOf(OPERATOR)).hasSameSizeAs(rbac.grantsOf(OPERATOR));
        withBuiltIns.add(new ClusterRoleBindingBuilder().withNewMetadata().withName("other").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "system:aggregate-to-admin")
                .addNewSubject().withKind("ServiceAccount").withName("op").withNamespace("kj").endSubject().build());
        assertThatThrownBy(() -> RbacRules.of(withBuiltIns)).as("any other role outside the objects is still an error")
                .hasMessageContaining("system:aggregate-to-admin");
    }
}
