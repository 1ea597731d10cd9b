package io.kubejudge.api.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubejudge.api.config.ApiConfig;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.api.redis.RedisClients;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.redis.SubmissionEvent;
import io.kubejudge.api.submission.QueuePositions;
import io.kubejudge.api.submission.SubmissionRef;
import io.kubejudge.api.submission.SubmissionReader;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Fans the operator's Redis events out to the SSE streams of this process. One Redis connection
 * subscribes to exactly the channels of submissions that some local stream watches, whatever
 * the number of streams; one ticker thread looks up live queue positions for all waiting
 * streams in one pipelined round trip. Streams hold no thread.
 */
@Singleton
public class EventHub {

    private static final Logger LOG = Logger.getLogger(EventHub.class);
    private static final long PING_EVERY_MS = 10_000;

    private final RedisClients redis;
    private final SubmissionReader reader;
    private final QueuePositions queue;
    private final String namespace;
    private final String controlChannel;
    private final ApiConfig.Events config;
    private final ObjectMapper lenient = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ObjectMapper writer = new ObjectMapper();

    private final Object lock = new Object();
    private final Map<String, Set<SubmissionStream>> byChannel = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> pending = new HashMap<>();
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final StreamLimits limits;
    private Subscriber current;
    private volatile boolean running;
    private Thread subscriberThread;
    private ScheduledExecutorService ticker;

    EventHub(RedisClients redis, SubmissionReader reader, QueuePositions queue, JudgeNamespace namespace,
             ApiConfig config, MeterRegistry metrics) {
        this.redis = redis;
        this.reader = reader;
        this.queue = queue;
        this.namespace = namespace.name();
        this.controlChannel = RedisKeys.apiControl(namespace.name());
        this.config = config.events();
        this.limits = new StreamLimits(config.events());
        // A strong reference: Micrometer's gauge(...) holds its object weakly, and a collected one
        // drops the series from /q/metrics.
        Gauge.builder("kubejudge.api.event.streams", open, AtomicInteger::get).strongReference(true).register(metrics);
    }

    void onStart(@Observes StartupEvent e) {
        running = true;
        subscriberThread = new Thread(this::subscribeLoop, "kubejudge-events-subscriber");
        subscriberThread.setDaemon(true);
        subscriberThread.start();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kubejudge-events-ticker");
            t.setDaemon(true);
            return t;
        });
        long queueMs = config.queuePositionInterval().toMillis();
        ticker.scheduleWithFixedDelay(guard(this::refreshQueuePositions), queueMs, queueMs, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(guard(this::ping), PING_EVERY_MS, PING_EVERY_MS, TimeUnit.MILLISECONDS);
        long recheckMs = config.recheckInterval().toMillis();
        ticker.scheduleWithFixedDelay(guard(this::recheckAll), recheckMs, recheckMs, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent e) {
        running = false;
        synchronized (lock) {
            if (current != null && current.isSubscribed()) {
                current.unsubscribe();
            }
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        List<SubmissionStream> all = new ArrayList<>();
        synchronized (lock) {
            byChannel.values().forEach(all::addAll);
        }
        all.forEach(SubmissionStream::close);
    }

    /**
     * The stream of a submission that is not final yet. The returned Multi subscribes to the
     * submission's channel, then reads and sends the snapshot, then the changes.
     */
    public Multi<OutboundSseEvent> open(SubmissionRef ref, String pool, String owner, Sse sse) {
        // Refused here, before any stream exists: the client gets a plain 429, not an empty stream.
        limits.acquire(owner);
        AtomicLong delivered = new AtomicLong();
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            AtomicReference<SubmissionStream> self = new AtomicReference<>();
            SubmissionStream stream = new SubmissionStream(ref, owner, pool, RedisKeys.events(namespace, ref.name()),
                    emitter, sse, writer, delivered, config.maxBufferedEvents(), () -> unregister(self.get()));
            self.set(stream);
            emitter.onTermination(() -> unregister(stream));
            register(stream)
                    .thenApply(ignored -> (Void) null)
                    .orTimeout(config.subscribeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            LOG.debugf("stream of %s starts without a confirmed subscription", ref.name());
                        }
                        Infrastructure.getDefaultWorkerPool().execute(() -> startWithSnapshot(stream));
                    });
        }, BackPressureStrategy.BUFFER).onItem().invoke(delivered::incrementAndGet);
    }

    public int openStreams() {
        return open.get();
    }

    private void startWithSnapshot(SubmissionStream stream) {
        try {
            reader.find(stream.ref()).ifPresentOrElse(
                    found -> stream.start(found.view()),
                    () -> stream.fail("not_found", "submission " + stream.ref().submissionId() + " no longer exists"));
        } catch (RuntimeException e) {
            LOG.warnf("snapshot of %s failed: %s", stream.name(), e.getMessage());
            stream.fail("unavailable", "the submission's state cannot be read now; reconnect later");
        }
    }

    private CompletableFuture<Void> register(SubmissionStream stream) {
        open.incrementAndGet();
        synchronized (lock) {
            Set<SubmissionStream> streams = byChannel.get(stream.channel());
            boolean first = streams == null;
            if (first) {
                streams = new LinkedHashSet<>();
                byChannel.put(stream.channel(), streams);
            }
            streams.add(stream);
            if (confirmed.contains(stream.channel())) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = pending.computeIfAbsent(stream.channel(), c -> new CompletableFuture<>());
            if (first && current != null) {
                sendSafely(() -> current.subscribe(stream.channel()));
            }
            return f;
        }
    }

    private void unregister(SubmissionStream stream) {
        synchronized (lock) {
            Set<SubmissionStream> streams = byChannel.get(stream.channel());
            if (streams == null || !streams.remove(stream)) {
                return;
            }
            open.decrementAndGet();
            limits.release(stream.owner());
            if (streams.isEmpty()) {
                byChannel.remove(stream.channel());
                pending.remove(stream.channel());
                confirmed.remove(stream.channel());
                if (current != null) {
                    sendSafely(() -> current.unsubscribe(stream.channel()));
                }
            }
        }
    }

    private List<SubmissionStream> streamsOf(String channel) {
        synchronized (lock) {
            Set<SubmissionStream> streams = byChannel.get(channel);
            return streams == null ? List.of() : new ArrayList<>(streams);
        }
    }

    private List<SubmissionStream> allStreams() {
        synchronized (lock) {
            List<SubmissionStream> all = new ArrayList<>();
            byChannel.values().forEach(all::addAll);
            return all;
        }
    }

    private void subscribeLoop() {
        long backoffMs = 200;
        boolean warned = false;
        while (running) {
            int readTimeout = (int) (PING_EVERY_MS * 3);
            try (Jedis jedis = redis.subscriberConnection(readTimeout)) {
                Subscriber subscriber = new Subscriber();
                jedis.subscribe(subscriber, controlChannel);
                backoffMs = 200;
                warned = false;
            } catch (JedisException | IllegalStateException e) {
                // Said once per outage; rate limits, archive and queue positions fail quietly meanwhile.
                if (running && !warned) {
                    LOG.warnf("Redis unreachable (%s): no live events, rate limits or archive until it is back;"
                            + " streams fall back to re-reading the resources", e.getMessage());
                    warned = true;
                }
            }
            synchronized (lock) {
                current = null;
                confirmed.clear();
            }
            if (!running) {
                return;
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoffMs = Math.min(backoffMs * 2, 5_000);
        }
    }

    /** Receives on the subscriber thread; everything it calls is quick and non-blocking. */
    private final class Subscriber extends JedisPubSub {
        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            if (channel.equals(controlChannel)) {
                boolean reconnected;
                synchronized (lock) {
                    current = this;
                    reconnected = !byChannel.isEmpty();
                    if (reconnected) {
                        subscribe(byChannel.keySet().toArray(new String[0]));
                    }
                }
                if (reconnected) {
                    Infrastructure.getDefaultWorkerPool().execute(EventHub.this::recheckAll);
                }
                return;
            }
            CompletableFuture<Void> waiting;
            synchronized (lock) {
                if (!byChannel.containsKey(channel)) {
                    return;
                }
                confirmed.add(channel);
                waiting = pending.remove(channel);
            }
            if (waiting != null) {
                waiting.complete(null);
            }
        }

        @Override
        public void onUnsubscribe(String channel, int subscribedChannels) {
            synchronized (lock) {
                if (!byChannel.containsKey(channel)) {
                    confirmed.remove(channel);
                }
            }
        }

        @Override
        public void onMessage(String channel, String message) {
            List<SubmissionStream> streams = streamsOf(channel);
            if (streams.isEmpty()) {
                return;
            }
            SubmissionEvent event;
            try {
                event = lenient.readValue(message, SubmissionEvent.class);
            } catch (Exception e) {
                LOG.warnf("ignored an event on %s that is not an operator event: %s", channel, e.getMessage());
                return;
            }
            streams.forEach(s -> s.onEvent(event));
        }
    }

    private void refreshQueuePositions() {
        List<SubmissionStream> waiting = allStreams().stream().filter(SubmissionStream::waitsInQueue).toList();
        if (waiting.isEmpty()) {
            return;
        }
        List<QueuePositions.QueuedEntry> entries = waiting.stream()
                .map(s -> new QueuePositions.QueuedEntry(s.pool(), s.name())).toList();
        List<Integer> positions;
        try {
            positions = queue.positions(entries);
        } catch (JedisException e) {
            return;
        }
        for (int i = 0; i < waiting.size(); i++) {
            waiting.get(i).onQueuePosition(positions.get(i));
        }
    }

    private void ping() {
        synchronized (lock) {
            if (current != null && current.isSubscribed()) {
                sendSafely(current::ping);
            }
        }
    }

    /** Re-reads every live stream's submission, for events Redis may have lost. */
    void recheckAll() {
        for (SubmissionStream s : allStreams()) {
            if (!s.isLive()) {
                continue;
            }
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    reader.find(s.ref()).map(SubmissionReader.Found::view).ifPresent(s::resync);
                } catch (RuntimeException e) {
                    LOG.debugf("recheck of %s failed: %s", s.name(), e.getMessage());
                }
            });
        }
    }

    private static void sendSafely(Runnable command) {
        try {
            command.run();
        } catch (JedisException e) {
            LOG.debugf("Redis subscription command not sent: %s", e.getMessage());
        }
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.debugf("events ticker task failed: %s", e.getMessage());
            }
        };
    }

    /** For tests: whether this process is subscribed to a submission's channel. */
    public boolean isSubscribedTo(String submissionName) {
        return isSubscribed(submissionName);
    }

    boolean isSubscribed(String submissionName) {
        return confirmed.contains(RedisKeys.events(namespace, submissionName));
    }

    Set<String> channels() {
        synchronized (lock) {
            return Set.copyOf(byChannel.keySet());
        }
    }
}
