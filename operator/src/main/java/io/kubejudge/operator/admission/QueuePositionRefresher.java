package io.kubejudge.operator.admission;

import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
 *
 * <p>At most {@link #MAX_WAKES_PER_REFRESH} submissions per refresh, those nearest the head first:
 * when a long queue drains fast, nearly every waiting submission moves by 10% between two
 * refreshes, and waking them all would be a status write per queued submission every few seconds
 * (10,000 queued: more status writes than admissions make). The ones left out catch up in later
 * refreshes, their statuses meanwhile saying an older, larger place.
 */
public final class QueuePositionRefresher implements AutoCloseable {
    static final int MAX_WAKES_PER_REFRESH = 200;

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
        List<Stale> stale = new ArrayList<>();
        for (PoolKey pool : queue.pools()) {
            List<QueueEntry> waiting = queue.waiting(pool);
            for (int i = 0; i < waiting.size(); i++) {
                String key = pool + "/" + waiting.get(i).name();
                waitingKeys.add(key);
                Integer was = written.get(key);
                if (was != null && coarselyDifferent(was, i + 1)) {
                    stale.add(new Stale(pool.namespace(), waiting.get(i).name(), i + 1));
                }
            }
        }
        written.keySet().retainAll(waitingKeys);
        stale.sort(Comparator.comparingInt(Stale::position));
        stale.stream().limit(MAX_WAKES_PER_REFRESH).forEach(s -> wake.accept(s.namespace(), s.name()));
    }

    private record Stale(String namespace, String name, int position) { }

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
