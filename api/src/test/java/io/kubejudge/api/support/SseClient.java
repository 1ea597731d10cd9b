package io.kubejudge.api.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small Server-Sent Events reader on the JDK client: asynchronous (no thread per stream),
 * collecting events in arrival order and noticing when the server ends the stream.
 */
public final class SseClient {

    /** A fixed executor, so that the client's own threads do not grow with the number of streams. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "sse-test-client");
                t.setDaemon(true);
                return t;
            }))
            .connectTimeout(Duration.ofSeconds(5)).build();

    public record Event(String name, String data) {
    }

    public static final class Stream {
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private volatile int status;
        private volatile Flow.Subscription subscription;

        /** The next event, failing the test if none comes in time. */
        public Event next(Duration timeout) throws InterruptedException {
            Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no event within " + timeout + " (status " + status + ", ended " + ended.isDone() + ")");
            }
            return e;
        }

        public List<Event> drain() {
            List<Event> out = new ArrayList<>();
            events.drainTo(out);
            return out;
        }

        public boolean awaitEnd(Duration timeout) {
            try {
                ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (Exception e) {
                return ended.isDone();
            }
        }

        public boolean ended() {
            return ended.isDone();
        }

        public int status() {
            return status;
        }

        public void close() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    private SseClient() {
    }

    public static Stream open(String baseUrl, String path, String token) {
        Stream stream = new Stream();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET().build();
        HTTP.sendAsync(request, info -> {
            stream.status = info.statusCode();
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Flow.Subscriber<String>() {
                private String name;
                private final StringBuilder data = new StringBuilder();

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    stream.subscription = subscription;
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(String line) {
                    if (line.isEmpty()) {
                        if (name != null || data.length() > 0) {
                            stream.events.add(new Event(name == null ? "message" : name, data.toString()));
                        }
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        if (data.length() > 0) {
                            data.append('\n');
                        }
                        data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                    }
                }

                @Override
                public void onError(Throwable throwable) {
                    stream.ended.complete(null);
                }

                @Override
                public void onComplete() {
                    stream.ended.complete(null);
                }
            });
        }).whenComplete((r, e) -> {
            if (e != null) {
                stream.ended.complete(null);
            }
        });
        return stream;
    }
}
