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
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's own metrics (Prometheus names in brackets):
 * submissions judged by verdict, language and pool [kubejudge_submissions_total]; queue depth and
 * running judges per pool [kubejudge_queue_depth, kubejudge_running] — the queue depth is the
 * External metric the pools' HPAs scale on; queue wait, judge duration and admission latency
 * [kubejudge_queue_wait_seconds, kubejudge_judge_duration_seconds, kubejudge_admission_latency_seconds];
 * system errors by reason [kubejudge_system_errors_total].
 */
public final class JudgeMetrics implements TransitionListener {
    private final MeterRegistry registry;
    private final AdmissionQueue queue;
    private final Set<PoolKey> gaugedPools = ConcurrentHashMap.newKeySet();

    public JudgeMetrics(MeterRegistry registry, AdmissionQueue queue) {
        this.registry = registry;
        this.queue = queue;
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
            time("kubejudge.queue.wait", "Time from queued to admitted", pool, now.getQueuedAt(), now.getAdmittedAt());
            time("kubejudge.admission.latency", "Time from the resource's creation to its Job", pool,
                    after.getMetadata().getCreationTimestamp(), now.getAdmittedAt());
        }
        if (now.getPhase().isFinal() && oldPhase != now.getPhase()) {
            Counter.builder("kubejudge.submissions")
                    .description("Submissions that reached a final phase")
                    .tags("verdict", now.getVerdict() == null ? now.getPhase().name().toLowerCase(Locale.ROOT) : now.getVerdict().wireName(),
                            "language", after.getSpec().getLanguage() == null ? "unknown" : after.getSpec().getLanguage().id(),
                            "pool", pool)
                    .register(registry).increment();
            if (now.getAdmittedAt() != null && (now.getPhase() == Phase.COMPLETED || now.getPhase() == Phase.FAILED)) {
                time("kubejudge.judge.duration", "Time from admission to verdict", pool, now.getAdmittedAt(), now.getCompletedAt());
            }
            if (now.getPhase() == Phase.FAILED) {
                Counter.builder("kubejudge.system.errors").description("Judgings that ended in SystemError")
                        .tags("reason", systemErrorReason(now.getMessage()), "pool", pool).register(registry).increment();
            }
        }
    }

    /** A small fixed set of reasons, so that the label does not explode. */
    static String systemErrorReason(String message) {
        String m = message == null ? "" : message;
        if (m.contains("ImagePull") || m.contains("ErrImage") || m.contains("InvalidImageName")) return "image";
        if (m.contains("unschedulable")) return "unschedulable";
        if (m.contains("deadline")) return "deadline";
        if (m.contains("gave up after")) return "disruptions";
        if (m.contains("malformed") || m.contains("termination message")) return "result";
        return "other";
    }

    private void time(String name, String description, String pool, String from, String to) {
        try {
            Duration d = Duration.between(Instant.parse(from), Instant.parse(to));
            if (!d.isNegative()) {
                Timer.builder(name).description(description).tags("pool", pool)
                        .publishPercentileHistogram().register(registry).record(d);
            }
        } catch (RuntimeException e) {
            // a missing or unparsable timestamp: nothing to measure
        }
    }
}
