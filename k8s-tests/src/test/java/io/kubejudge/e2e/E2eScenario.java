package io.kubejudge.e2e;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testcluster.TestCluster;
import io.kubejudge.testcluster.fault.Faults;
import io.kubejudge.testsupport.RedisServer;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One end-to-end scenario class: its own namespace on the shared cluster and, on the in-JVM test
 * cluster, its own operator (watching that namespace, with the scenario's settings). On a real
 * cluster the installed operator does the work, and what needs faults or control over the operator
 * is skipped ({@link #faults()}, {@link #operator()}); on the in-JVM test cluster nothing is ever skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class E2eScenario {

    protected E2eEnvironment environment;
    protected TestCluster cluster;
    protected KubernetesClient client;
    protected String namespace;
    protected KubeJudgeApi kubejudge;
    private OperatorUnderTest operator;

    @BeforeAll
    final void startScenario() {
        environment = E2eEnvironment.shared();
        cluster = environment.cluster();
        client = cluster.client();
        namespace = namespaceName();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        kubejudge = new KubeJudgeApi(client, namespace);
        if (environment.inJvm()) {
            RedisServer redis = environment.redis().orElseThrow();
            OperatorSettings.Builder settings = OperatorSettings.builder()
                    .namespaces(Set.of(namespace))
                    .redis(redis.host(), redis.port())
                    .retention(Duration.ofHours(1))
                    .archiveTtl(Duration.ofHours(1))
                    .maxAttempts(3)
                    .unschedulableTimeout(Duration.ofSeconds(5))
                    .missingReferenceGrace(Duration.ofSeconds(5))
                    .queuePositionRefresh(Duration.ofSeconds(1))
                    .reconcileThreads(8);
            operator = new OperatorUnderTest(cluster, operatorSettings(settings).build()).start();
        }
    }

    /** A scenario's changes to the operator's settings (in-JVM test cluster only). */
    protected OperatorSettings.Builder operatorSettings(OperatorSettings.Builder defaults) {
        return defaults;
    }

    @AfterAll
    final void stopScenario() {
        if (operator != null) {
            operator.stop();
        }
    }

    /** Fault injection: always there on the in-JVM test cluster; on a real cluster the test is skipped. */
    protected Faults faults() {
        Assumptions.assumeTrue(cluster.faults().isPresent(),
                "fault injection needs the in-JVM test cluster (" + cluster.description() + ")");
        return cluster.faults().orElseThrow();
    }

    /** The operator of this scenario: in-JVM only; on a real cluster the test is skipped. */
    protected OperatorUnderTest operator() {
        Assumptions.assumeTrue(operator != null, "controlling the operator needs the in-JVM test cluster");
        return operator;
    }

    protected RedisServer redis() {
        Assumptions.assumeTrue(environment.redis().isPresent(), "the archive in Redis is checked on the in-JVM test cluster");
        return environment.redis().orElseThrow();
    }

    /**
     * {@code kubejudge-e2e-<scenario>}; on a real cluster also a suffix of this run, since objects of an
     * earlier run may still be there.
     */
    private String namespaceName() {
        String kebab = getClass().getSimpleName().replaceAll("E2eTest$", "")
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        String suffix = environment.inJvm() ? "" : "-" + environment.runId();
        String name = cluster.namespace() + "-" + kebab;
        name = name.length() + suffix.length() > 63 ? name.substring(0, 63 - suffix.length()).replaceAll("-+$", "") : name;
        return name + suffix;
    }
}
