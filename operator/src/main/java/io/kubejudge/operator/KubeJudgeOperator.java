package io.kubejudge.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.kubejudge.api.v1alpha1.JudgeNodePool;
import io.kubejudge.api.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.admission.AdmissionQueue;
import io.kubejudge.operator.archive.SubmissionArchive;
import io.kubejudge.operator.job.JobFactory;
import io.kubejudge.operator.job.JudgeJobs;
import io.kubejudge.operator.job.ProblemDataIndex;
import io.kubejudge.operator.pool.PoolHealth;
import io.kubejudge.operator.submission.JudgeSubmissionReconciler;
import io.kubejudge.operator.submission.SubmissionStatusRecorder;
import java.time.Clock;
import java.util.List;

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
    private final OperatorComponents components;
    private final Operator operator;

    private KubeJudgeOperator(OperatorComponents components, Operator operator) {
        this.components = components;
        this.operator = operator;
    }

    public static KubeJudgeOperator start(KubernetesClient client, OperatorSettings settings) {
        OperatorComponents components = OperatorComponents.create(client, settings, Clock.systemUTC());
        Operator operator = new Operator(o -> o
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withConcurrentReconciliationThreads(settings.reconcileThreads())
                .withStopOnInformerErrorDuringStartup(true));
        for (Reconciler<?> reconciler : components.reconcilers()) {
            registerIn(operator, reconciler, settings);
        }
        operator.start();
        components.startBackgroundTasks();
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
        components.stopBackgroundTasks();
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
