package io.kubejudge.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubejudge.helm.HelmChart;
import io.kubejudge.helm.RenderRequest;
import io.kubejudge.testcluster.InJvmTestCluster;
import io.kubejudge.testcluster.apiserver.RequestLog;
import io.kubejudge.testcluster.rbac.RbacRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RBAC objects of the chart as installed for release {@value #RELEASE} in namespace
 * {@value #RELEASE_NAMESPACE} (default values: the operator watches every namespace), enforced by the
 * in-JVM test cluster. The API serves one judges' namespace and gets a Role there: each scenario that
 * runs the API installs the chart's API Role for its own namespace ({@link #install(String)}), as a
 * release with {@code judges.namespace} set to it would.
 */
final class ChartRbac {

    static final String RELEASE = "kubejudge";
    static final String RELEASE_NAMESPACE = "kubejudge";
    static final String OPERATOR_ACCOUNT = "kubejudge-operator";
    static final String API_ACCOUNT = "kubejudge-api";

    private final InJvmTestCluster cluster;
    private final Map<String, HasMetadata> objects = new LinkedHashMap<>();

    ChartRbac(InJvmTestCluster cluster) {
        this.cluster = cluster;
    }

    static String operatorToken() {
        return RequestLog.serviceAccountToken(RELEASE_NAMESPACE, OPERATOR_ACCOUNT);
    }

    static String apiToken() {
        return RequestLog.serviceAccountToken(RELEASE_NAMESPACE, API_ACCOUNT);
    }

    static String operatorUser() {
        return RbacRules.serviceAccountUser(RELEASE_NAMESPACE, OPERATOR_ACCOUNT);
    }

    static String apiUser() {
        return RbacRules.serviceAccountUser(RELEASE_NAMESPACE, API_ACCOUNT);
    }

    /** The operator's RBAC (cluster-wide and in the release namespace), enforced from now on. */
    synchronized void installOperator(String judgesNamespace) {
        add(judgesNamespace, true);
    }

    /** Adds the chart's RBAC for a release whose judges' namespace is this one, and enforces all installed so far. */
    synchronized void install(String judgesNamespace) {
        add(judgesNamespace, false);
    }

    /** Only the cluster-wide and release-namespace objects, or all; a Role nobody uses would fail ChartRbacUseE2eTest. */
    private void add(String judgesNamespace, boolean operatorOnly) {
        List<HasMetadata> rendered = HelmChart.kubejudge().render(RenderRequest.release(RELEASE).namespace(RELEASE_NAMESPACE)
                .set("judges.namespace", judgesNamespace).set("judges.createNamespace", "false")).objects();
        for (HasMetadata o : rendered) {
            boolean rbac = o instanceof Role || o instanceof ClusterRole || o instanceof RoleBinding || o instanceof ClusterRoleBinding;
            String ns = o.getMetadata().getNamespace();
            if (rbac && (!operatorOnly || ns == null || ns.equals(RELEASE_NAMESPACE))) {
                objects.put(o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(), o);
            }
        }
        cluster.enforceRbac(rules());
    }

    synchronized RbacRules rules() {
        return RbacRules.of(List.copyOf(objects.values()));
    }
}
