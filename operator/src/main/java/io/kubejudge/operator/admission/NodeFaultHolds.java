package io.kubejudge.operator.admission;

import io.kubejudge.model.result.NodeFault;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.pool.PoolHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pools whose nodes cannot judge (a {@link NodeFault}: Landlock missing, seccomp profile missing):
 * their queue is paused, so that nothing else is sent to fail the same way, until the fault expires
 * (as long as it keeps the pool {@code Degraded}), the pool's spec changes (its nodes, runtime or
 * image were changed: worth another try) or a judging in the pool ends normally (its nodes work).
 * The pool's {@code Degraded} condition says why ({@link PoolHealth}).
 */
public final class NodeFaultHolds {
    /** Why a pool's queue waits; {@code generation} is the pool spec's when the fault happened. */
    public record Hold(String reason, Instant at, Long generation) {
        public Instant until() {
            return at.plus(PoolHealth.memory());
        }
    }

    private final AdmissionQueue queue;
    private final PoolHealth health;
    private final Map<PoolKey, Hold> holds = new ConcurrentHashMap<>();

    public NodeFaultHolds(AdmissionQueue queue, PoolHealth health) {
        this.queue = queue;
        this.health = health;
    }

    /** A judge of the pool hit a node fault: the pool is Degraded, its queue paused. */
    public void fault(PoolKey pool, NodeFault fault, Long poolGeneration, Instant now) {
        String reason = fault.reason() + ": " + fault.message();
        holds.put(pool, new Hold(reason, now, poolGeneration));
        queue.pause(pool);
        health.failed(pool, fault.reason(), reason, now);
    }

    /**
     * The hold on the pool now, if any; one that expired or whose pool spec changed since is lifted
     * (the queue resumes: call {@link AdmissionQueue#admit} next).
     */
    public Optional<Hold> current(PoolKey pool, Long poolGeneration, Instant now) {
        Hold hold = holds.get(pool);
        if (hold == null) {
            return Optional.empty();
        }
        if (!now.isBefore(hold.until()) || !Objects.equals(hold.generation(), poolGeneration)) {
            lift(pool, hold);
            return Optional.empty();
        }
        return Optional.of(hold);
    }

    /** A judging in the pool ended normally: its nodes judge again. */
    public void judged(PoolKey pool) {
        Hold hold = holds.get(pool);
        if (hold != null) {
            lift(pool, hold);
        }
    }

    public boolean holding(PoolKey pool) {
        return holds.containsKey(pool);
    }

    private void lift(PoolKey pool, Hold hold) {
        if (holds.remove(pool, hold)) {
            queue.resume(pool);
            health.cleared(pool, hold.reason());
        }
    }

    /** How long a hold lasts at most. */
    public static Duration memory() {
        return PoolHealth.memory();
    }
}
