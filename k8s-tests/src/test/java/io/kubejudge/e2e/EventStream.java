package io.kubejudge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A Server-Sent Events stream read as a client would: events in arrival order, each with its
 * {@code event:} name and its {@code data:} parsed as JSON, and whether the server ended the stream.
 * Read asynchronously (no thread of its own).
 */
final class EventStream implements AutoCloseable {

    record Event(String name, JsonNode data) {
        String phase() {
            return data.hasNonNull("phase") ? data.get("phase").asText() : null;
        }

        boolean isFinal() {
            return data.path("final").asBoolean(false);
        }

        @Override
        public String toString() {
            return name + " " + data;
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    private EventStream() {
    }

    static EventStream open(HttpClient http, HttpRequest request) {
        EventStream stream = new EventStream();
        HttpResponse.BodyHandler<Void> handler = info -> {
            stream.status.complete(info.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(stream.new Lines());
        };
        http.sendAsync(request, handler)
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        stream.status.completeExceptionally(failure);
                        stream.ended.completeExceptionally(failure);
                    }
                });
        return stream;
    }

    /** The HTTP status of the answer. */
    int status(Duration atMost) {
        try {
            return status.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no answer to the events request within " + atMost, e);
        }
    }

    /** Waits until an event received so far matches, and returns it. */
    synchronized Event await(Predicate<Event> condition, Duration atMost, String what) {
        long until = System.nanoTime() + atMost.toNanos();
        while (true) {
            for (Event e : events) {
                if (condition.test(e)) {
                    return e;
                }
            }
            long left = until - System.nanoTime();
            if (left <= 0 || ended.isDone()) {
                throw new AssertionError("no event " + what + " within " + atMost + (ended.isDone() ? " (stream ended)" : "")
                        + "; events: " + events);
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until the server ends the stream; then returns every event it sent. */
    List<Event> awaitEnd(Duration atMost) {
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

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    private synchronized void add(Event e) {
        events.add(e);
        notifyAll();
    }

    private synchronized void end() {
        ended.complete(null);
        notifyAll();
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** Lines of the body: {@code event:} and {@code data:} fields, an empty line ends an event. */
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
                if (data.length() > 0) {
                    add(new Event(name == null ? "message" : name, ApiProcess.json(data.toString())));
                }
                name = null;
                data.setLength(0);
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
            ended.completeExceptionally(t);
            synchronized (EventStream.this) {
                EventStream.this.notifyAll();
            }
        }

        @Override
        public void onComplete() {
            if (data.length() > 0) {
                add(new Event(name == null ? "message" : name, ApiProcess.json(data.toString())));
            }
            end();
        }
    }
}
