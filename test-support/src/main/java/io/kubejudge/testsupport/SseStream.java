package io.kubejudge.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A Server-Sent Events stream read as a client would: events in arrival order, each with its
 * {@code event:} name and its {@code data:}, and whether the server ended the stream. Read
 * asynchronously on the client's executor (no thread per stream), so a test can hold thousands.
 */
public final class SseStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two threads for all streams, so that a test's threads do not grow with its streams. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "sse-test-client");
                t.setDaemon(true);
                return t;
            }))
            .connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * One event; its data parsed once as JSON when it is JSON (the API's events are), else
     * {@code parsed} is null and {@link #json()} says so.
     */
    public record Event(String name, String data, JsonNode parsed) {
        static Event of(String name, String data) {
            try {
                return new Event(name, data, JSON.readTree(data));
            } catch (JsonProcessingException e) {
                return new Event(name, data, null);
            }
        }

        public JsonNode json() {
            if (parsed == null) {
                throw new IllegalStateException("event " + name + " does not carry JSON: " + data);
            }
            return parsed;
        }

        /** The submission phase the event names, or null. */
        public String phase() {
            JsonNode phase = json().get("phase");
            return phase == null || phase.isNull() ? null : phase.asText();
        }

        public boolean isFinal() {
            return json().path("final").asBoolean(false);
        }

        @Override
        public String toString() {
            return name + " " + data;
        }
    }

    private final List<Event> events = new ArrayList<>();
    private int read;
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    private SseStream() {
    }

    /** {@code GET uri} with a bearer token, asking for an event stream. */
    public static SseStream open(URI uri, String bearerToken) {
        return open(HTTP, HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "text/event-stream").GET().build());
    }

    public static SseStream open(HttpClient http, HttpRequest request) {
        SseStream stream = new SseStream();
        http.sendAsync(request, info -> {
            stream.status.complete(info.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(stream.new Lines());
        }).whenComplete((response, failure) -> {
            if (failure != null) {
                stream.status.completeExceptionally(failure);
                stream.fail(failure);
            }
        });
        return stream;
    }

    /** The HTTP status of the answer. */
    public int status(Duration atMost) {
        try {
            return status.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no answer to the events request within " + atMost, e);
        }
    }

    /** The next event not yet returned by {@link #next} or {@link #drain}, failing if none comes in time. */
    public synchronized Event next(Duration atMost) {
        waitFor(() -> read < events.size(), atMost, "next event");
        return events.get(read++);
    }

    /** The events not yet returned by {@link #next} or {@link #drain}. */
    public synchronized List<Event> drain() {
        List<Event> rest = List.copyOf(events.subList(read, events.size()));
        read = events.size();
        return rest;
    }

    /** Waits until an event received so far matches, and returns it. */
    public synchronized Event await(Predicate<Event> condition, Duration atMost, String what) {
        Event[] found = new Event[1];
        waitFor(() -> {
            found[0] = events.stream().filter(condition).findFirst().orElse(null);
            return found[0] != null;
        }, atMost, "event " + what);
        return found[0];
    }

    /** Waits until the server ends the stream; then returns every event it sent. */
    public List<Event> awaitEnd(Duration atMost) {
        try {
            ended.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new AssertionError("the event stream failed: " + e.getCause() + "; events: " + events(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the server did not end the event stream within " + atMost + "; events: " + events());
        }
        return events();
    }

    public boolean ended() {
        return ended.isDone();
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private void waitFor(BooleanSupplier condition, Duration atMost, String what) {
        long until = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            long left = until - System.nanoTime();
            if (left <= 0 || ended.isDone()) {
                throw new AssertionError("no " + what + " within " + atMost + (ended.isDone() ? " (stream ended)" : "")
                        + "; status " + status.getNow(null) + "; events: " + events);
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private synchronized void add(Event e) {
        events.add(e);
        notifyAll();
    }

    private synchronized void end() {
        ended.complete(null);
        notifyAll();
    }

    private synchronized void fail(Throwable t) {
        ended.completeExceptionally(t);
        notifyAll();
    }

    /** Lines of the body: {@code event:} and {@code data:} fields; an empty line ends an event. */
    private final class Lines implements Flow.Subscriber<String> {
        private String name;
        private final StringBuilder data = new StringBuilder();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                flush();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }

        @Override
        public void onError(Throwable t) {
            fail(t);
        }

        @Override
        public void onComplete() {
            flush();
            end();
        }

        private void flush() {
            if (name != null || data.length() > 0) {
                add(Event.of(name == null ? "message" : name, data.toString()));
            }
            name = null;
            data.setLength(0);
        }
    }
}
