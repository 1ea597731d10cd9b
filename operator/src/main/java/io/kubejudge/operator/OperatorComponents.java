package io.kubejudge.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
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
 * The object graph of one operator instance, built in one place for both entry points
 * (KubeJudgeOperator by hand, Quarkus through OperatorBeans).
 */
public final class OperatorComponents implements AutoCloseable {
    private final OperatorSettings settings;
    private final AdmissionQueue queue;
    private final PoolHealth poolHealth;
    private final SubmissionStatusRecorder recorder;
    private final JudgeSubmissionReconciler submissions;

    private OperatorComponents(OperatorSettings settings, AdmissionQueue queue, PoolHealth poolHealth,
                               SubmissionStatusRecorder recorder, JudgeSubmissionReconciler submissions) {
        this.settings = settings;
        this.queue = queue;
        this.poolHealth = poolHealth;
        this.recorder = recorder;
        this.submissions = submissions;
    }

    public static OperatorComponents create(KubernetesClient client, OperatorSettings settings, Clock clock) {
        AdmissionQueue queue = new AdmissionQueue();
        PoolHealth poolHealth = new PoolHealth();
        SubmissionStatusRecorder recorder = new SubmissionStatusRecorder();
        JudgeJobs jobs = new JudgeJobs(client, new JobFactory(settings), new ProblemDataIndex(client));
        SubmissionArchive archive = SubmissionArchive.DISABLED;
        JudgeSubmissionReconciler submissions = new JudgeSubmissionReconciler(settings, queue, jobs, recorder, archive,
                poolHealth, clock);
        return new OperatorComponents(settings, queue, poolHealth, recorder, submissions);
    }

    public List<Reconciler<?>> reconcilers() {
        return List.of(submissions);
    }

    public AdmissionQueue queue() {
        return queue;
    }

    public SubmissionStatusRecorder recorder() {
        return recorder;
    }

    public void startBackgroundTasks() {
    }

    public void stopBackgroundTasks() {
    }

    @Override
    public void close() {
    }
}
