package io.kubejudge.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;

/**
 * The operator assembled by hand on plain java-operator-sdk: what the in-JVM test cluster and the
 * benchmarks start against any KubernetesClient (the deployed operator gets the same reconcilers
 * from Quarkus). Several instances may run one after another on one client (restart scenarios).
 *
 * <pre>
 * KubeJudgeOperator op = KubeJudgeOperator.start(client, OperatorSettings.builder().redis("127.0.0.1", port).build());
 * ...
 * op.stop();
 * </pre>
 */
public final class KubeJudgeOperator implements AutoCloseable {
    /**
     * Requests in flight the operator's client should allow (fabric8's default is 5 per host, which
     * makes reconcile threads wait for connections): build the client with
     * {@code withMaxConcurrentRequests(MAX_CONCURRENT_REQUESTS).withMaxConcurrentRequestsPerHost(MAX_CONCURRENT_REQUESTS)}.
     */
    public static final int MAX_CONCURRENT_REQUESTS = 128;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KubeJudgeOperator.class);
    private final OperatorComponents components;
    private final Operator operator;

    private KubeJudgeOperator(OperatorComponents components, Operator operator) {
        this.components = components;
        this.operator = operator;
    }

    public static KubeJudgeOperator start(KubernetesClient client, OperatorSettings settings) {
        return start(client, settings, new SimpleMeterRegistry());
    }

    /** With the operator's and java-operator-sdk's metrics in the given registry. */
    public static KubeJudgeOperator start(KubernetesClient client, OperatorSettings settings, MeterRegistry registry) {
        if (client.getConfiguration().getMaxConcurrentRequestsPerHost() < settings.reconcileThreads()) {
            LOG.warn("the Kubernetes client allows {} concurrent requests per host for {} reconcile threads: admissions "
                    + "will wait for connections (see KubeJudgeOperator.MAX_CONCURRENT_REQUESTS)",
                    client.getConfiguration().getMaxConcurrentRequestsPerHost(), settings.reconcileThreads());
        }
        OperatorComponents components = new OperatorComponents(client, settings, Clock.systemUTC(), registry);
        Operator operator = new Operator(o -> o
                .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withConcurrentReconciliationThreads(settings.reconcileThreads())
                .withStopOnInformerErrorDuringStartup(true)
                .withLeaderElectionConfiguration(settings.leaderLease() == null ? null : settings.leaderLease().configuration()));
        for (Reconciler<?> reconciler : components.reconcilers()) {
            registerIn(operator, reconciler, settings);
        }
        operator.start();
        return new KubeJudgeOperator(components, operator);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerIn(Operator operator, Reconciler reconciler, OperatorSettings settings) {
        operator.register(reconciler, o -> {
            if (!settings.namespaces().isEmpty()) {
                ((io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider) o).settingNamespaces(settings.namespaces());
            }
        });
    }

    public OperatorComponents components() {
        return components;
    }

    /** Stops reconcilers, informers and background tasks; the client stays open. Idempotent. */
    public synchronized void stop() {
        try {
            operator.stop();
        } catch (RuntimeException e) {
            // already stopped
        }
        components.close();
    }

    @Override
    public void close() {
        stop();
    }
}
