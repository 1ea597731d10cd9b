package io.kubejudge.testcluster.controller;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller's queue of object keys, as in client-go: a key waiting once is processed once, no key
 * is processed by two threads at a time, and a key can come back later (deadlines, back-off).
 */
final class WorkQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final Set<String> processing = ConcurrentHashMap.newKeySet();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService later;
    private final Thread[] workers;
    private volatile boolean closed;

    WorkQueue(String name, int threads, Consumer<String> handler) {
        later = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-delay");
            t.setDaemon(true);
            return t;
        });
        workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> loop(handler), name + "-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    void add(String key) {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (processing.contains(key)) {
                dirty.add(key);
                return;
            }
            if (waiting.add(key)) {
                queue.add(key);
            }
        }
    }

    void addAfter(String key, long delayMillis) {
        if (!closed) {
            later.schedule(() -> add(key), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        }
    }

    private void loop(Consumer<String> handler) {
        while (!closed) {
            String key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                waiting.remove(key);
                processing.add(key);
            }
            try {
                handler.accept(key);
            } catch (RuntimeException e) {
                LOG.warn("{}: {}", key, e.toString());
                addAfter(key, 500);
            } finally {
                synchronized (this) {
                    processing.remove(key);
                    if (dirty.remove(key) && waiting.add(key)) {
                        queue.add(key);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        later.shutdownNow();
        for (Thread t : workers) {
            t.interrupt();
        }
    }
}
