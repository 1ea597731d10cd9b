package io.kubejudge.operator.admission;

import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec.Priority;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The admission queue of every pool: who waits in which order, and who holds one of the pool's
 * slots ({@code spec.replicas}). A submission holds a slot from the moment it is granted until its
 * judging ends, so lowering {@code replicas} only stops admitting: nobody running is touched.
 * Thread-safe; all state is in memory and rebuilt from the submissions after a restart.
 */
public final class AdmissionQueue {

    /** Key of one pool's queue. */
    public record PoolKey(String namespace, String pool) {
        /** The queue a submission waits in ({@code default} when it names no pool). */
        public static PoolKey of(JudgeSubmission s) {
            return new PoolKey(s.getMetadata().getNamespace(), s.getSpec().getPool() == null ? "default" : s.getSpec().getPool());
        }

        @Override
        public String toString() {
            return namespace + "/" + pool;
        }
    }

    /** What changed: the Redis index mirrors it, and the admitted submissions are woken through it. */
    public interface Listener {
        default void queued(PoolKey pool, QueueEntry entry) {
        }

        default void left(PoolKey pool, String name) {
        }

        /** A slot was granted to {@code name}: it should start its Job now (not told to the caller of admit). */
        default void admitted(PoolKey pool, String name) {
        }

        /** The queue now holds every running and queued submission (after a start). */
        default void rebuilt() {
        }
    }

    private final Map<PoolKey, PoolQueue> pools = new ConcurrentHashMap<>();
    /** Nothing is admitted before the slots held by running submissions are known (after a restart). */
    private volatile boolean rebuilt;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Listener listener = new Listener() {
        public void queued(PoolKey pool, QueueEntry entry) { listeners.forEach(l -> l.queued(pool, entry)); }
        public void left(PoolKey pool, String name) { listeners.forEach(l -> l.left(pool, name)); }
        public void admitted(PoolKey pool, String name) { listeners.forEach(l -> l.admitted(pool, name)); }
        public void rebuilt() { listeners.forEach(Listener::rebuilt); }
    };

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private PoolQueue pool(PoolKey key) {
        return pools.computeIfAbsent(key, k -> new PoolQueue());
    }

    /** Sets the pool's slot count; returns true when it grew (someone may now be admitted). */
    public boolean setCapacity(PoolKey key, int replicas) {
        PoolQueue q = pool(key);
        synchronized (q) {
            boolean grew = replicas > q.capacity;
            q.capacity = replicas;
            return grew;
        }
    }

    /** Puts a submission in line (idempotent: a waiting or slot-holding one keeps its place). */
    public void enqueue(PoolKey key, String name, String user, Priority priority) {
        PoolQueue q = pool(key);
        QueueEntry entry;
        synchronized (q) {
            if (q.holding.contains(name) || q.byName.containsKey(name)) {
                return;
            }
            entry = q.add(name, user == null ? "" : user, priority == null ? Priority.NORMAL : priority);
        }
        listener.queued(key, entry);
    }

    /**
     * Puts a submission back at the head of its priority's line: it had a slot, and lost it through
     * no fault of its own (a node fault). Idempotent like {@link #enqueue}.
     */
    public void requeueFirst(PoolKey key, String name, String user, Priority priority) {
        PoolQueue q = pool(key);
        QueueEntry entry;
        synchronized (q) {
            q.holding.remove(name);
            if (q.byName.containsKey(name)) {
                return;
            }
            entry = q.addFirst(name, user == null ? "" : user, priority == null ? Priority.NORMAL : priority);
        }
        listener.queued(key, entry);
    }

    /**
     * Stops granting the pool's slots (its nodes cannot judge) until {@link #resume}; those holding
     * slots keep them.
     */
    public void pause(PoolKey key) {
        PoolQueue q = pool(key);
        synchronized (q) {
            q.paused = true;
        }
    }

    /** Grants the pool's slots again; returns true when it was paused. Call {@link #admit} next. */
    public boolean resume(PoolKey key) {
        PoolQueue q = pool(key);
        synchronized (q) {
            boolean was = q.paused;
            q.paused = false;
            return was;
        }
    }

    /** Records that a submission holds a slot (its Job exists), e.g. when rebuilding after a restart. */
    public void hold(PoolKey key, String name) {
        PoolQueue q = pool(key);
        boolean wasWaiting;
        synchronized (q) {
            wasWaiting = q.removeWaiting(name);
            q.holding.add(name);
        }
        if (wasWaiting) {
            listener.left(key, name);
        }
    }

    /** The submission no longer waits nor holds a slot (finished, cancelled, deleted, rejected). */
    public void release(PoolKey key, String name) {
        PoolQueue q = pools.get(key);
        if (q == null) {
            return;
        }
        boolean wasWaiting;
        synchronized (q) {
            wasWaiting = q.removeWaiting(name);
            q.holding.remove(name);
        }
        if (wasWaiting) {
            listener.left(key, name);
        }
    }

    /** Called once the queue holds every running and queued submission. */
    public void markRebuilt() {
        rebuilt = true;
        listener.rebuilt();
    }

    /** Whether this queue is the truth (a leading operator's, rebuilt from the cluster). */
    public boolean isRebuilt() {
        return rebuilt;
    }

    /**
     * Grants free slots to the head of the line; returns the submissions admitted, in order. Each is
     * also told to the listeners ({@link Listener#admitted}), which wake them.
     */
    public List<String> admit(PoolKey key) {
        return admit(key, null);
    }

    /** As {@link #admit(PoolKey)}, but {@code caller}, who goes on by itself, is not announced. */
    public List<String> admit(PoolKey key, String caller) {
        if (!rebuilt) {
            return List.of();
        }
        PoolQueue q = pool(key);
        List<String> admitted = new ArrayList<>();
        synchronized (q) {
            while (!q.paused && q.holding.size() < q.capacity && !q.waiting.isEmpty()) {
                QueueEntry head = q.waiting.pollFirst();
                q.byName.remove(head.name());
                q.virtualTime.put(head.priority(), Math.max(q.virtualTime.getOrDefault(head.priority(), 0L), head.tag()));
                q.holding.add(head.name());
                admitted.add(head.name());
            }
        }
        admitted.forEach(n -> listener.left(key, n));
        admitted.stream().filter(n -> !n.equals(caller)).forEach(n -> listener.admitted(key, n));
        return admitted;
    }

    public boolean isHolding(PoolKey key, String name) {
        PoolQueue q = pools.get(key);
        if (q == null) {
            return false;
        }
        synchronized (q) {
            return q.holding.contains(name);
        }
    }

    /** 1-based place in line, empty when not waiting. O(n): used for the coarse status position only. */
    public Optional<Integer> position(PoolKey key, String name) {
        PoolQueue q = pools.get(key);
        if (q == null) {
            return Optional.empty();
        }
        synchronized (q) {
            QueueEntry e = q.byName.get(name);
            return e == null ? Optional.empty() : Optional.of(q.waiting.headSet(e).size() + 1);
        }
    }

    /** Waiting submissions of a pool in admission order. */
    public List<QueueEntry> waiting(PoolKey key) {
        PoolQueue q = pools.get(key);
        if (q == null) {
            return List.of();
        }
        synchronized (q) {
            return new ArrayList<>(q.waiting);
        }
    }

    public int queued(PoolKey key) {
        PoolQueue q = pools.get(key);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            return q.waiting.size();
        }
    }

    /** The pool's judge slots as last set (0 for a pool not known yet). */
    public int capacity(PoolKey key) {
        PoolQueue q = pools.get(key);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            return q.capacity;
        }
    }

    public int running(PoolKey key) {
        PoolQueue q = pools.get(key);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            return q.holding.size();
        }
    }

    public Set<PoolKey> pools() {
        return Set.copyOf(pools.keySet());
    }

    private static final class PoolQueue {
        int capacity;
        boolean paused;
        long requeued;
        final Set<String> holding = new HashSet<>();
        final TreeSet<QueueEntry> waiting = new TreeSet<>(QueueEntry.ORDER);
        final Map<String, QueueEntry> byName = new HashMap<>();
        /** Per priority: the tag of the last admitted submission (SFQ's virtual time). */
        final Map<Priority, Long> virtualTime = new HashMap<>();
        /** Per priority and user: the tag after that user's last queued submission (SFQ's finish tag). */
        final Map<Priority, Map<String, Long>> finishTags = new HashMap<>();
        long seq;

        QueueEntry add(String name, String user, Priority priority) {
            long v = virtualTime.getOrDefault(priority, 0L);
            Map<String, Long> finishes = finishTags.computeIfAbsent(priority, p -> new HashMap<>());
            long tag = Math.max(v, finishes.getOrDefault(user, 0L));
            finishes.put(user, tag + 1);
            if (finishes.size() > 10_000) {
                // A finish tag at or below the virtual time no longer changes anybody's tag.
                finishes.values().removeIf(f -> f <= v);
            }
            QueueEntry entry = new QueueEntry(name, user, priority, tag, seq++);
            waiting.add(entry);
            byName.put(name, entry);
            return entry;
        }

        /** In the current round, before everybody else in it (in the order they were put back). */
        QueueEntry addFirst(String name, String user, Priority priority) {
            QueueEntry entry = new QueueEntry(name, user, priority, virtualTime.getOrDefault(priority, 0L),
                    Long.MIN_VALUE + requeued++);
            waiting.add(entry);
            byName.put(name, entry);
            return entry;
        }

        boolean removeWaiting(String name) {
            QueueEntry e = byName.remove(name);
            if (e != null) {
                waiting.remove(e);
                return true;
            }
            return false;
        }
    }
}
