package io.kubejudge.operator.admission;

import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Keeps the queue position in the statuses coarsely right: every few seconds it wakes the waiting
 * submissions whose place moved enough since their status last said (every move near the head,
 * 10% further back). Live positions come from Redis; this only bounds how stale the status gets
 * without a status write per queued submission per admission.
 */
public final class QueuePositionRefresher implements AutoCloseable {
    private final AdmissionQueue queue;
    private final Duration every;
    private final Map<String, Integer> written = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, String> wake = (ns, name) -> { };
    private ScheduledExecutorService timer;

    public QueuePositionRefresher(AdmissionQueue queue, Duration every) {
        this.queue = queue;
        this.every = every;
    }

    /** Starts refreshing, waking submissions through {@code wake(namespace, name)}. Idempotent. */
    public synchronized void start(BiConsumer<String, String> wake) {
        this.wake = wake;
        if (timer == null && !every.isZero()) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kubejudge-queue-positions");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::refresh, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** What a submission's status now says (null: no position). */
    public void written(PoolKey pool, String name, Integer position) {
        String key = pool + "/" + name;
        if (position == null) {
            written.remove(key);
        } else {
            written.put(key, position);
        }
    }

    void refresh() {
        Set<String> waitingKeys = new HashSet<>();
        for (PoolKey pool : queue.pools()) {
            List<QueueEntry> waiting = queue.waiting(pool);
            for (int i = 0; i < waiting.size(); i++) {
                String key = pool + "/" + waiting.get(i).name();
                waitingKeys.add(key);
                Integer was = written.get(key);
                if (was != null && coarselyDifferent(was, i + 1)) {
                    wake.accept(pool.namespace(), waiting.get(i).name());
                }
            }
        }
        written.keySet().retainAll(waitingKeys);
    }

    /** Positions are written coarsely: every change near the head, changes of 10% further back. */
    public static boolean coarselyDifferent(Integer old, Integer now) {
        if (old == null || now == null) {
            return !java.util.Objects.equals(old, now);
        }
        if (now <= 10) {
            return !old.equals(now);
        }
        return Math.abs(old - now) * 10 >= old;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
