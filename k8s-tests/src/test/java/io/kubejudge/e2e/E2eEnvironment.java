package io.kubejudge.e2e;

import io.kubejudge.testcluster.InJvmTestCluster;
import io.kubejudge.testcluster.RealTestCluster;
import io.kubejudge.testcluster.TestCluster;
import io.kubejudge.testsupport.RedisServer;
import java.io.File;
import java.util.Optional;

/**
 * What all scenarios of one test run share: the cluster and, on the in-JVM test cluster, a real
 * redis-server for the operator. A real cluster is used when {@code KUBEJUDGE_E2E_KUBECONFIG} names a
 * kubeconfig (KubeJudge installed there, its operator watching all namespaces); then the
 * scenarios that need fault injection or control over the operator are skipped — only then.
 */
final class E2eEnvironment {

    static final String KUBECONFIG_ENV = "KUBEJUDGE_E2E_KUBECONFIG";

    private static E2eEnvironment shared;

    private final TestCluster cluster;
    private final RedisServer redis;
    private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    private final ChartRbac chartRbac;

    private E2eEnvironment(TestCluster cluster, RedisServer redis) {
        this.cluster = cluster;
        this.redis = redis;
        this.chartRbac = cluster instanceof InJvmTestCluster c ? new ChartRbac(c) : null;
    }

    static synchronized E2eEnvironment shared() {
        if (shared == null) {
            shared = create();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "e2e-environment-close"));
        }
        return shared;
    }

    private static E2eEnvironment create() {
        String kubeconfig = System.getenv(KUBECONFIG_ENV);
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            return new E2eEnvironment(new RealTestCluster(new File(kubeconfig), "kubejudge-e2e"), null);
        }
        RedisServer redis = new RedisServer();
        try {
            E2eEnvironment environment = new E2eEnvironment(InJvmTestCluster.start(InJvmTestCluster.Options.defaults()), redis);
            environment.chartRbac.installOperator(environment.cluster().namespace());
            return environment;
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /**
     * The chart's RBAC, which the in-JVM test cluster enforces on the operator's and the API's
     * service accounts (their clients authenticate as them): a request the chart does not allow
     * fails the scenario as it would fail on a cluster.
     */
    ChartRbac chartRbac() {
        return chartRbac;
    }

    TestCluster cluster() {
        return cluster;
    }

    boolean inJvm() {
        return cluster instanceof InJvmTestCluster;
    }

    /** Tells this run's objects from an earlier run's on a real cluster. */
    String runId() {
        return runId;
    }

    Optional<RedisServer> redis() {
        return Optional.ofNullable(redis);
    }

    /** Redis first: it is a process of its own, which must not outlive this JVM if closing the cluster is cut short. */
    private void close() {
        if (redis != null) {
            redis.close();
        }
        cluster.close();
    }
}
