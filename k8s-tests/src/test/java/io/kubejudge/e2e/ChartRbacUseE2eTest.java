package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubejudge.testcluster.InJvmTestCluster;
import io.kubejudge.testcluster.apiserver.ApiRequest;
import io.kubejudge.testcluster.rbac.RbacRules;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC is exactly enough for what the scenarios made the operator and the API do: every
 * request of their service accounts was allowed by the chart's rules (the test cluster refuses the
 * others with 403, which a component may swallow and retry: so they are checked here too), and every
 * verb on every resource the chart grants them was used by some request, or is listed below with the
 * reason the scenarios do not show it. Runs after every other scenario class (junit-platform.properties).
 */
@Order(Integer.MAX_VALUE)
class ChartRbacUseE2eTest {

    private static final String LEADER_ELECTION =
            "leader election is off for the scenarios' single operator; InstallE2eTest runs the chart's two replicas with it";

    /** Granted but not used by these scenarios: "user verb group/resource" → why it is granted. */
    private static final Map<String, String> UNUSED_WITH_REASON = Map.of(
            op("get kubejudge.io/judgesubmissions"),
            "java-operator-sdk re-reads the submission when its finalizer patch conflicts (a race the scenarios rarely hit)",
            op("get batch/jobs"),
            "JudgeJobs.fetch: a Job the operator created that its informer has not shown yet (a lagging cache)",
            op("get /configmaps"),
            "ProblemDataIndex reads a problem's data ConfigMap the key cache has not seen yet (a lagging cache)",
            op("get coordination.k8s.io/leases"), LEADER_ELECTION,
            op("create coordination.k8s.io/leases"), LEADER_ELECTION,
            op("update coordination.k8s.io/leases"), LEADER_ELECTION,
            ChartRbac.apiUser() + " get kubejudge.io/judgeproblems",
            "InformedCatalog.find: a problem the API's informer has not delivered yet (a lagging cache)");

    private static String op(String permission) {
        return ChartRbac.operatorUser() + " " + permission;
    }

    @Test
    void everyRequestOfTheOperatorAndTheApiWasAllowedAndEveryGrantedPermissionWasUsed() {
        E2eEnvironment environment = E2eEnvironment.shared();
        Assumptions.assumeTrue(environment.inJvm(), "the request log is the in-JVM test cluster's");
        InJvmTestCluster cluster = (InJvmTestCluster) environment.cluster();
        RbacRules rules = environment.chartRbac().rules();
        Set<String> unusedByAnyone = new TreeSet<>();
        for (String user : List.of(ChartRbac.operatorUser(), ChartRbac.apiUser())) {
            List<ApiRequest> requests = cluster.apiRequests().byUser(user).stream().filter(ApiRequest::isResourceRequest).toList();
            assertThat(requests).as("requests of %s: run this class with the e2e scenarios (it runs last)", user).isNotEmpty();
            List<String> refused = requests.stream()
                    .filter(r -> rules.allowing(user, r.verb(), r.apiGroup(), r.resource(), r.subresource(), r.namespace(), r.name()).isEmpty())
                    .map(ChartRbacUseE2eTest::describe).distinct().sorted().toList();
            assertThat(refused).as("requests of %s that the chart's RBAC does not allow", user).isEmpty();

            Set<String> unused = new TreeSet<>();
            for (RbacRules.Grant grant : rules.grantsOf(user)) {
                PolicyRule rule = grant.rule();
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        for (String verb : rule.getVerbs()) {
                            String key = user + " " + verb + " " + group + "/" + resource;
                            boolean used = requests.stream().anyMatch(r -> r.verb().equals(verb) && r.apiGroup().equals(group)
                                    && r.resourceAndSubresource().equals(resource));
                            if (!used && !UNUSED_WITH_REASON.containsKey(key)) {
                                unused.add(key + "   (" + grant.role() + ")");
                            }
                        }
                    }
                }
            }
            unusedByAnyone.addAll(unused);
        }
        assertThat(unusedByAnyone).as("permissions the chart grants that no scenario used (drop them, or give the reason "
                + "in UNUSED_WITH_REASON)").isEmpty();
    }

    private static String describe(ApiRequest r) {
        return r.verb() + " " + r.apiGroup() + "/" + r.resourceAndSubresource()
                + (r.namespace() == null ? " (cluster-wide)" : " in " + r.namespace());
    }
}
