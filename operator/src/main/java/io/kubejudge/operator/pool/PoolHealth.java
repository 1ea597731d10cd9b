package io.kubejudge.operator.pool;

import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Judge failures that are the pool's fault (image pulls, scheduling, deadlines), remembered for
 * the pool's {@code Degraded} condition: reported by the submission reconciler, read by the pool
 * reconciler, which is woken up through {@link #onChange}.
 */
public final class PoolHealth {
    /** A failure makes the pool Degraded for this long unless another one follows. */
    static final Duration MEMORY = Duration.ofMinutes(10);

    /** The condition reason judge failures get unless they name their own (node faults do). */
    public static final String JUDGE_FAILURES = "JudgeFailures";

    /**
     * @param kind   the {@code Degraded} condition's reason (CamelCase)
     * @param reason what went wrong, the condition's message
     */
    public record Failure(String kind, String reason, Instant at) { }

    private final Map<PoolKey, Failure> lastFailure = new ConcurrentHashMap<>();
    private volatile Consumer<PoolKey> onChange = k -> { };

    public void onChange(Consumer<PoolKey> listener) {
        this.onChange = listener;
    }

    public void failed(PoolKey pool, String reason, Instant at) {
        failed(pool, JUDGE_FAILURES, reason, at);
    }

    /** As {@link #failed(PoolKey, String, Instant)}, with the condition reason {@code kind}. */
    public void failed(PoolKey pool, String kind, String reason, Instant at) {
        lastFailure.put(pool, new Failure(kind, reason, at));
        onChange.accept(pool);
    }

    /** The failure with this reason no longer holds (its cause was fixed); a newer one stays. */
    public void cleared(PoolKey pool, String reason) {
        Failure f = lastFailure.get(pool);
        if (f != null && f.reason().equals(reason) && lastFailure.remove(pool, f)) {
            onChange.accept(pool);
        }
    }

    /** The failure that keeps the pool Degraded now, if any. */
    public Optional<Failure> degradedBy(PoolKey pool, Instant now) {
        Failure f = lastFailure.get(pool);
        return f != null && f.at().plus(MEMORY).isAfter(now) ? Optional.of(f) : Optional.empty();
    }

    public static Duration memory() {
        return MEMORY;
    }
}
