package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.testcluster.InJvmTestCluster;
import io.kubejudge.testcluster.apiserver.ApiRequest;
import io.kubejudge.testcluster.rbac.RbacRules;
import io.kubejudge.testcluster.rbac.RbacUsage;
import io.kubejudge.testcluster.rbac.RbacUsage.Excused;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC is exactly enough for what the scenarios made the operator and the API do: every
 * request of their service accounts was allowed by the chart's rules (the test cluster refuses the
 * others with 403, which a component may swallow and retry: so they are checked here too), and every
 * verb on every resource the chart grants them was used by some request, or is excused below with the
 * reason the scenarios do not show it. Runs after every other scenario class (junit-platform.properties).
 * InstallE2eTest checks the same for the installed chart's pods, leader election and uninstall hook included.
 */
@Order(Integer.MAX_VALUE)
class ChartRbacUseE2eTest {

    private static final String LEADER_ELECTION =
            "leader election is off for the scenarios' single operator; InstallE2eTest runs the chart's two replicas with it";

    private static final Map<String, List<Excused>> EXCUSED = Map.of(
            ChartRbac.operatorUser(), List.of(
                    new Excused("get", "kubejudge.io", "judgesubmissions",
                            "java-operator-sdk re-reads a submission only when its finalizer patch conflicts (409)"),
                    new Excused("get", "batch", "jobs",
                            "JudgeJobs.fetch: a Job the operator created that its informer has not shown yet (a lagging cache)"),
                    new Excused("get", "", "configmaps",
                            "ProblemDataIndex reads a problem's data ConfigMap the key cache has not seen yet (a lagging cache)"),
                    new Excused("get", "", "pods", "PodFinalizer re-reads a judge pod only after a 409 conflict of its update"),
                    new Excused("get", "coordination.k8s.io", "leases", LEADER_ELECTION),
                    new Excused("create", "coordination.k8s.io", "leases", LEADER_ELECTION),
                    new Excused("update", "coordination.k8s.io", "leases", LEADER_ELECTION),
                    new Excused("patch", "coordination.k8s.io", "leases", LEADER_ELECTION)),
            ChartRbac.apiUser(), List.of(
                    new Excused("get", "kubejudge.io", "judgeproblems",
                            "InformedCatalog.find: a problem the API's informer has not delivered yet (a lagging cache)")));

    @Test
    void everyRequestOfTheOperatorAndTheApiWasAllowedAndEveryGrantedPermissionWasUsed() {
        E2eEnvironment environment = E2eEnvironment.shared();
        Assumptions.assumeTrue(environment.inJvm(), "the request log is the in-JVM test cluster's");
        InJvmTestCluster cluster = (InJvmTestCluster) environment.cluster();
        RbacRules rules = environment.chartRbac().rules();
        List<String> failures = new ArrayList<>();
        for (String user : List.of(ChartRbac.operatorUser(), ChartRbac.apiUser())) {
            List<ApiRequest> requests = cluster.apiRequests().byUser(user);
            assertThat(requests).as("requests of %s: run this class with the e2e scenarios (it runs last)", user).isNotEmpty();
            RbacUsage.refused(rules, user, requests).forEach(r -> failures.add(user + " was refused " + r));
            RbacUsage.unused(rules, user, requests, EXCUSED.get(user)).forEach(r -> failures.add(user + " never used " + r));
        }
        assertThat(failures).as("the chart's RBAC against what the scenarios did (drop an unused permission, or excuse it "
                + "with its reason)").isEmpty();
    }
}
