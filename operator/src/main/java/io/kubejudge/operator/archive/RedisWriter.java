package io.kubejudge.operator.archive;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Writes to Redis off the reconcile threads, in order, on one thread of its own: nothing a
 * reconciler does ever waits for Redis. Two kinds of writes, two ways to catch up after an outage:
 * queue-index writes are dropped and the whole index is rebuilt from memory ({@code resync});
 * events are kept (the newest {@value #MAX_PENDING_EVENTS}) and sent in order once Redis answers.
 */
public final class RedisWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisWriter.class);
    static final int MAX_PENDING_EVENTS = 100_000;
    static final long RETRY_MS = 1000;

    private record Task(boolean event, Consumer<UnifiedJedis> write) { }

    private final RedisConnection redis;
    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>(1_000_000);
    private final Deque<Task> pendingEvents = new ArrayDeque<>();
    private final Runnable resync;
    private volatile boolean indexDirty;
    private volatile boolean outage;
    private volatile boolean running = true;
    private final Thread thread;

    /**
     * @param resync rebuilds the queue index from memory (called on the writer thread after an outage)
     */
    public RedisWriter(RedisConnection redis, Runnable resync) {
        this.redis = redis;
        this.resync = resync;
        this.thread = new Thread(this::loop, "kubejudge-redis-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** A queue-index write: lost on failure, since a resync rewrites the index. */
    public void index(Consumer<UnifiedJedis> write) {
        if (!tasks.offer(new Task(false, write))) {
            indexDirty = true;
        }
    }

    /** An event write: kept and retried until Redis takes it. */
    public void event(Consumer<UnifiedJedis> write) {
        if (!tasks.offer(new Task(true, write))) {
            LOG.warn("Redis writer queue full: an event was dropped");
        }
    }

    /** Asks for the index to be rewritten from memory (after a restart: what Redis holds may be stale). */
    public void requestResync() {
        indexDirty = true;
    }

    /** Whether writes are waiting for Redis to come back. */
    public boolean catchingUp() {
        return outage || indexDirty;
    }

    /** Waits until everything queued so far was written or parked (tests, shutdown). */
    public boolean drain(long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            if (tasks.isEmpty() && !outage && !indexDirty) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private void loop() {
        while (running) {
            try {
                if (outage || indexDirty) {
                    catchUp();
                }
                Task task = tasks.poll(outage || indexDirty ? RETRY_MS : 200, TimeUnit.MILLISECONDS);
                if (task == null) {
                    continue;
                }
                if (outage) {
                    park(task);
                    continue;
                }
                try {
                    redis.call(j -> {
                        task.write().accept(j);
                        return null;
                    });
                } catch (RedisConnection.RedisUnavailableException e) {
                    LOG.warn("Redis write failed, catching up when it answers again: {}", e.getMessage());
                    outage = true;
                    indexDirty = true;
                    park(task);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Redis write task failed: {}", e.toString());
            }
        }
    }

    private void park(Task task) {
        if (task.event()) {
            if (pendingEvents.size() >= MAX_PENDING_EVENTS) {
                pendingEvents.pollFirst();
            }
            pendingEvents.addLast(task);
        } else {
            indexDirty = true;
        }
    }

    private void catchUp() {
        if (!redis.ping()) {
            sleep();
            return;
        }
        try {
            if (indexDirty) {
                indexDirty = false;
                resync.run();
            }
            while (!pendingEvents.isEmpty()) {
                Task t = pendingEvents.peekFirst();
                redis.call(j -> {
                    t.write().accept(j);
                    return null;
                });
                pendingEvents.pollFirst();
            }
            outage = false;
            LOG.info("Redis is back: queue index rebuilt and pending events sent");
        } catch (RuntimeException e) {
            indexDirty = true;
            sleep();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
