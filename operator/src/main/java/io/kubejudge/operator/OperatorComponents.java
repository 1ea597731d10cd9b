package io.kubejudge.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.kubejudge.operator.admission.Admission;
import io.kubejudge.operator.admission.AdmissionQueue;
import io.kubejudge.operator.admission.AdmissionWakeups;
import io.kubejudge.operator.admission.NodeFaultHolds;
import io.kubejudge.operator.admission.QueueRebuild;
import io.kubejudge.operator.admission.QueuePositionRefresher;
import io.kubejudge.operator.admission.RedisQueueIndex;
import io.kubejudge.operator.archive.RedisArchive;
import io.kubejudge.operator.archive.RedisConnection;
import io.kubejudge.operator.archive.RedisEventPublisher;
import io.kubejudge.operator.archive.RedisWriter;
import io.kubejudge.operator.archive.SubmissionArchive;
import io.kubejudge.operator.job.JobFactory;
import io.kubejudge.operator.job.JudgeJobs;
import io.kubejudge.operator.job.ProblemDataIndex;
import io.kubejudge.operator.judging.Judging;
import io.kubejudge.operator.metrics.JudgeMetrics;
import io.kubejudge.operator.metrics.JudgePodMetrics;
import io.kubejudge.operator.metrics.Leadership;
import io.kubejudge.operator.pool.JudgeNodePoolReconciler;
import io.kubejudge.operator.pool.PoolHealth;
import io.kubejudge.operator.problem.JudgeProblemReconciler;
import io.kubejudge.operator.retention.Retention;
import io.kubejudge.operator.submission.JudgeSubmissionReconciler;
import io.kubejudge.operator.submission.KubernetesEventEmitter;
import io.kubejudge.operator.submission.SubmissionStatusRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The object graph of one operator instance, built here and nowhere else, for both entry points:
 * {@link KubeJudgeOperator} (by hand: tests, the in-JVM cluster, the benchmarks) builds the
 * reconcilers with {@link #reconcilers()}; Quarkus builds the same reconcilers through their
 * {@code @Inject} constructors, which take this one bean ({@link OperatorBeans}). A new
 * collaborator is one more field here.
 */
public final class OperatorComponents implements AutoCloseable {
    private final OperatorSettings settings;
    private final Clock clock;
    private final AdmissionQueue queue;
    private final PoolHealth poolHealth;
    private final SubmissionStatusRecorder recorder;
    private final JudgeJobs jobs;
    private final SubmissionArchive archive;
    private final RedisConnection redis;
    private final RedisWriter redisWriter;
    private final JudgeMetrics metrics;
    private final QueuePositionRefresher positions;
    private final AdmissionWakeups wakeups;
    private final NodeFaultHolds nodeFaultHolds;
    private final Retention retention;
    private final Admission admission;
    private final Judging judging;
    private final QueueRebuild queueRebuild;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private JudgeSubmissionReconciler submissions;
    private JudgeNodePoolReconciler pools;
    private JudgeProblemReconciler problems;

    public OperatorComponents(KubernetesClient client, OperatorSettings settings, Clock clock, MeterRegistry registry) {
        this.settings = settings;
        this.clock = clock;
        this.queue = new AdmissionQueue();
        this.poolHealth = new PoolHealth();
        this.recorder = new SubmissionStatusRecorder();
        this.jobs = new JudgeJobs(client, new JobFactory(settings), new ProblemDataIndex(client));
        if (settings.redisEnabled()) {
            redis = new RedisConnection(settings.redisHost(), settings.redisPort(), settings.redisPassword(),
                    settings.redisTls());
            RedisQueueIndex index = new RedisQueueIndex(queue, settings.namespaces());
            RedisConnection r = redis;
            redisWriter = new RedisWriter(redis, () -> r.call(j -> {
                index.resyncAll(j);
                return null;
            }));
            index.attach(redisWriter);
            queue.addListener(index);
            recorder.addListener(new RedisEventPublisher(redisWriter, settings.archiveTtl(), clock));
            archive = new RedisArchive(redis, settings.archiveTtl());
            closeables.add(redisWriter);
            closeables.add(redis);
        } else {
            redis = null;
            redisWriter = null;
            archive = SubmissionArchive.DISABLED;
        }
        KubernetesEventEmitter events = new KubernetesEventEmitter(client, clock);
        recorder.addListener(events);
        closeables.add(events);
        metrics = new JudgeMetrics(registry, queue);
        recorder.addListener(metrics);
        Leadership leadership = new Leadership(client, settings.leaderLease(), clock);
        JudgePodMetrics podMetrics = new JudgePodMetrics(client, settings.namespaces(), registry, leadership, clock).start();
        closeables.add(podMetrics);
        metrics.watch(poolHealth, Optional.ofNullable(redis), podMetrics, leadership, clock);
        positions = new QueuePositionRefresher(queue, settings.queuePositionRefresh());
        closeables.add(0, positions);
        wakeups = new AdmissionWakeups();
        queue.addListener(wakeups);
        nodeFaultHolds = new NodeFaultHolds(queue, poolHealth);
        retention = new Retention(settings, queue, jobs, archive, clock);
        admission = new Admission(settings, queue, nodeFaultHolds, jobs, recorder, positions, retention, clock);
        judging = new Judging(settings, queue, admission, jobs, recorder, poolHealth, retention, clock);
        queueRebuild = new QueueRebuild(queue, jobs, positions, wakeups);
    }

    /** The reconcilers of a hand-built operator (Quarkus builds the same ones from this object). */
    public synchronized List<Reconciler<?>> reconcilers() {
        if (submissions == null) {
            submissions = new JudgeSubmissionReconciler(this);
            pools = new JudgeNodePoolReconciler(this);
            problems = new JudgeProblemReconciler();
        }
        return List.of(submissions, pools, problems);
    }

    public OperatorSettings settings() { return settings; }
    public Clock clock() { return clock; }
    public AdmissionQueue queue() { return queue; }
    public PoolHealth poolHealth() { return poolHealth; }
    public SubmissionStatusRecorder recorder() { return recorder; }
    public JudgeJobs jobs() { return jobs; }
    public SubmissionArchive archive() { return archive; }
    public JudgeMetrics metrics() { return metrics; }
    public QueuePositionRefresher positions() { return positions; }
    public AdmissionWakeups wakeups() { return wakeups; }
    public NodeFaultHolds nodeFaultHolds() { return nodeFaultHolds; }
    public Retention retention() { return retention; }
    public Admission admission() { return admission; }
    public Judging judging() { return judging; }
    public QueueRebuild queueRebuild() { return queueRebuild; }
    public Optional<RedisConnection> redis() { return Optional.ofNullable(redis); }
    public Optional<RedisWriter> redisWriter() { return Optional.ofNullable(redisWriter); }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort
            }
        }
    }
}
