package io.kubejudge.api.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Keeps a fixed number of requests in flight over keep-alive connections. Its threads are named
 * {@code bench-*} (plus the JDK client's {@code HttpClient-*} selector) so that their CPU can be
 * told apart from the API's.
 */
final class LoadDriver implements AutoCloseable {

    record Request(String method, String path, String token, String body) {
    }

    record Result(int requests, long nanos, Map<Integer, Integer> statuses) {
        double perSecond() {
            return requests / (nanos / 1e9);
        }
    }

    private final String base;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "bench-driver");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();

    LoadDriver(String base) {
        this.base = base;
    }

    Result run(int total, int concurrency, IntFunction<Request> next) throws InterruptedException {
        AtomicInteger issued = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int c = 0; c < Math.min(concurrency, total); c++) {
            send(issued, total, next, statuses, done);
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("load did not finish: " + done.getCount() + " requests left");
        }
        return new Result(total, System.nanoTime() - start, Map.copyOf(statuses));
    }

    private void send(AtomicInteger issued, int total, IntFunction<Request> next, Map<Integer, Integer> statuses,
                      CountDownLatch done) {
        int i = issued.getAndIncrement();
        if (i >= total) {
            return;
        }
        Request r = next.apply(i);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.path())).timeout(java.time.Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + r.token());
        if (r.body() != null) {
            b.header("Content-Type", "application/json").method(r.method(), HttpRequest.BodyPublishers.ofString(r.body()));
        } else {
            b.method(r.method(), HttpRequest.BodyPublishers.noBody());
        }
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((resp, failure) -> {
            statuses.merge(failure == null ? resp.statusCode() : -1, 1, Integer::sum);
            done.countDown();
            send(issued, total, next, statuses, done);
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
