package io.kubejudge.api.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Keeps a fixed number of requests in flight over keep-alive connections, on one event-loop
 * thread of its own (the machine has two cores; the server gets the rest).
 */
final class LoadDriver implements AutoCloseable {

    record Request(HttpMethod method, String path, String token, String body) {
    }

    record Result(int requests, long nanos, Map<Integer, Integer> statuses) {
        double perSecond() {
            return requests / (nanos / 1e9);
        }
    }

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final HttpClient http;

    LoadDriver(String host, int port, int connections) {
        http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    Result run(int total, int concurrency, IntFunction<Request> next) throws InterruptedException {
        AtomicInteger issued = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicLong start = new AtomicLong(System.nanoTime());
        Runnable[] sendNext = new Runnable[1];
        sendNext[0] = () -> {
            int i = issued.getAndIncrement();
            if (i >= total) {
                return;
            }
            Request r = next.apply(i);
            RequestOptions o = new RequestOptions().setMethod(r.method()).setURI(r.path())
                    .putHeader("Authorization", "Bearer " + r.token());
            if (r.body() != null) {
                o.putHeader("Content-Type", "application/json");
            }
            http.request(o)
                    .compose(req -> r.body() == null ? req.send() : req.send(Buffer.buffer(r.body())))
                    .compose(resp -> resp.body().map(b -> resp.statusCode()))
                    .onComplete(ar -> {
                        statuses.merge(ar.succeeded() ? ar.result() : -1, 1, Integer::sum);
                        done.countDown();
                        sendNext[0].run();
                    });
        };
        start.set(System.nanoTime());
        vertx.runOnContext(v -> {
            for (int c = 0; c < concurrency; c++) {
                sendNext[0].run();
            }
        });
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("load did not finish: " + done.getCount() + " requests left");
        }
        return new Result(total, System.nanoTime() - start.get(), Map.copyOf(statuses));
    }

    @Override
    public void close() {
        http.close();
        vertx.close();
    }
}
