package io.kubejudge.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testcluster.InJvmTestCluster;
import io.kubejudge.testcluster.TestCluster;

/** The operator running in this JVM against the test cluster, which a scenario may stop and start again. */
final class OperatorUnderTest implements AutoCloseable {

    private final TestCluster cluster;
    private final OperatorSettings settings;
    private KubernetesClient client;
    private KubeJudgeOperator operator;

    OperatorUnderTest(TestCluster cluster, OperatorSettings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    synchronized OperatorUnderTest start() {
        if (operator == null) {
            // On the in-JVM test cluster the operator is its chart's service account, held to the chart's RBAC.
            client = cluster instanceof InJvmTestCluster inJvm ? inJvm.newClient(ChartRbac.operatorToken()) : cluster.newClient();
            operator = KubeJudgeOperator.start(client, settings);
        }
        return this;
    }

    synchronized void stop() {
        if (operator != null) {
            operator.stop();
            client.close();
            operator = null;
            client = null;
        }
    }

    /** A new operator instance, as after a crash or a rollout: nothing carries over but the cluster's state. */
    synchronized void restart() {
        stop();
        start();
    }

    /** The running operator's parts (to serve its external metrics, for instance). */
    synchronized io.kubejudge.operator.OperatorComponents components() {
        if (operator == null) {
            throw new IllegalStateException("the operator is stopped");
        }
        return operator.components();
    }

    OperatorSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        stop();
    }
}
