package io.kubejudge.operator.metrics;

import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.admission.AdmissionQueue;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.submission.TransitionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.kubejudge.operator.archive.RedisConnection;
import io.kubejudge.operator.pool.PoolHealth;
import java.time.Clock;
import java.util.Optional;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's own metrics (Prometheus names in brackets; the table with labels and meanings is in
 * docs/operations.md): submissions judged by verdict, language and pool [kubejudge_submissions_total];
 * queue depth, running judges and slots per pool [kubejudge_queue_depth, kubejudge_running,
 * kubejudge_slots] — the queue depth is the External metric the pools' HPAs scale on; queue wait,
 * judge duration (per language) and admission latency [kubejudge_queue_wait_seconds,
 * kubejudge_judge_duration_seconds, kubejudge_admission_latency_seconds]; system errors by reason
 * [kubejudge_system_errors_total]; pools Degraded [kubejudge_pool_degraded]; whether this replica
 * leads [kubejudge_operator_leading] and reaches Redis [kubejudge_redis_up]; the judge pods' start
 * and Pending times ({@link JudgePodMetrics}).
 */
public final class JudgeMetrics implements TransitionListener {
    private final MeterRegistry registry;
    private final AdmissionQueue queue;
    private final Set<PoolKey> gaugedPools = ConcurrentHashMap.newKeySet();
    private volatile PoolHealth health;
    private volatile JudgePodMetrics pods;
    private volatile Clock clock = Clock.systemUTC();

    public JudgeMetrics(MeterRegistry registry, AdmissionQueue queue) {
        this.registry = registry;
        this.queue = queue;
    }

    /**
     * The rest of the operator's metrics: pools Degraded, Redis reachability (when Redis is used) and the
     * judge pods' start and Pending times.
     */
    public void watch(PoolHealth health, Optional<RedisConnection> redis, JudgePodMetrics pods, Leadership leadership, Clock clock) {
        Gauge.builder("kubejudge.operator.leading", leadership, l -> l.getAsBoolean() ? 1 : 0)
                .description("1 on the operator replica that reconciles (holds the Lease), 0 on a standby")
                .register(registry);
        this.health = health;
        this.pods = pods;
        this.clock = clock;
        redis.ifPresent(r -> Gauge.builder("kubejudge.redis.up", r, c -> c.isUp() ? 1 : 0)
                .description("1 while the operator reaches Redis").register(registry));
    }

    /** Makes sure the pool's gauges exist (they read the queue when scraped). */
    public void watchPool(PoolKey pool) {
        if (gaugedPools.add(pool)) {
            Gauge.builder("kubejudge.queue.depth", queue, q -> q.queued(pool))
                    .description("Submissions waiting for a judge slot")
                    .tags("namespace", pool.namespace(), "pool", pool.pool()).register(registry);
            Gauge.builder("kubejudge.running", queue, q -> q.running(pool))
                    .description("Judge slots in use")
                    .tags("namespace", pool.namespace(), "pool", pool.pool()).register(registry);
            Gauge.builder("kubejudge.slots", queue, q -> q.capacity(pool))
                    .description("Judge slots of the pool (its replicas)")
                    .tags("namespace", pool.namespace(), "pool", pool.pool()).register(registry);
            Gauge.builder("kubejudge.pool.degraded", this, m -> m.health != null
                            && m.health.degradedBy(pool, m.clock.instant()).isPresent() ? 1 : 0)
                    .description("1 while the pool is Degraded (a judge pod could not run because of its node)")
                    .tags("namespace", pool.namespace(), "pool", pool.pool()).register(registry);
            Gauge.builder("kubejudge.judge.pod.pending", this, m -> m.pods == null ? 0 : m.pods.oldestPendingSeconds(pool))
                    .description("Seconds the oldest Pending judge pod of the pool has waited; 0 when none")
                    .baseUnit("seconds")
                    .tags("namespace", pool.namespace(), "pool", pool.pool()).register(registry);
        }
    }

    @Override
    public void changed(JudgeSubmission before, JudgeSubmission after) {
        JudgeSubmissionStatus old = before.getStatus();
        JudgeSubmissionStatus now = after.getStatus();
        if (now == null || now.getPhase() == null) {
            return;
        }
        String pool = after.getSpec().getPool();
        watchPool(new PoolKey(after.getMetadata().getNamespace(), pool));
        Phase oldPhase = old == null ? null : old.getPhase();
        if (now.getAdmittedAt() != null && (old == null || old.getAdmittedAt() == null)) {
            time("kubejudge.queue.wait", "Time from queued to admitted", Tags.of("pool", pool), now.getQueuedAt(), now.getAdmittedAt());
            time("kubejudge.admission.latency", "Time from the resource's creation to its Job", Tags.of("pool", pool),
                    after.getMetadata().getCreationTimestamp(), now.getAdmittedAt());
        }
        if (now.getPhase().isFinal() && oldPhase != now.getPhase()) {
            Counter.builder("kubejudge.submissions")
                    .description("Submissions that reached a final phase")
                    .tags("verdict", now.getVerdict() == null ? now.getPhase().name().toLowerCase(Locale.ROOT) : now.getVerdict().wireName(),
                            "language", language(after),
                            "pool", pool)
                    .register(registry).increment();
            if (now.getAdmittedAt() != null && (now.getPhase() == Phase.COMPLETED || now.getPhase() == Phase.FAILED)) {
                time("kubejudge.judge.duration", "Time from admission to verdict",
                        Tags.of("pool", pool, "language", language(after)), now.getAdmittedAt(), now.getCompletedAt());
            }
            if (now.getPhase() == Phase.FAILED) {
                Counter.builder("kubejudge.system.errors").description("Judgings that ended in SystemError")
                        .tags("reason", systemErrorReason(now.getMessage()), "pool", pool).register(registry).increment();
            }
        }
    }

    private static String language(JudgeSubmission s) {
        return s.getSpec().getLanguage() == null ? "unknown" : s.getSpec().getLanguage().id();
    }

    /** A small fixed set of reasons, so that the label does not explode. */
    static String systemErrorReason(String message) {
        String m = message == null ? "" : message;
        if (m.contains("ImagePull") || m.contains("ErrImage") || m.contains("InvalidImageName")) return "image";
        if (m.contains("unschedulable")) return "unschedulable";
        if (m.contains("deadline")) return "deadline";
        if (m.contains("gave up after")) return "disruptions";
        if (m.contains("seccomp") || m.contains("Landlock")) return "node";
        if (m.contains("malformed") || m.contains("termination message")) return "result";
        return "other";
    }

    private void time(String name, String description, Tags tags, String from, String to) {
        try {
            Duration d = Duration.between(Instant.parse(from), Instant.parse(to));
            if (!d.isNegative()) {
                Timer.builder(name).description(description).tags(tags)
                        .publishPercentileHistogram().register(registry).record(d);
            }
        } catch (RuntimeException e) {
            // a missing or unparsable timestamp: nothing to measure
        }
    }
}
