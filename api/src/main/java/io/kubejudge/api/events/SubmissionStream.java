package io.kubejudge.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubejudge.api.error.ApiError;
import io.kubejudge.model.redis.SubmissionEvent;
import io.kubejudge.api.submission.SubmissionRef;
import io.kubejudge.api.submission.SubmissionView;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's event stream of one submission. It is only state and an emitter, no thread:
 * the Redis subscriber, the queue ticker and the snapshot reader call into it.
 *
 * <p>Order: the stream subscribes to the submission's channel before it reads the snapshot, so
 * nothing is missed; changes that arrive before the snapshot is sent wait in a buffer and are
 * sent after it, minus those the snapshot already shows (an earlier phase, a test it lists).
 *
 * <p>Bounded: events the client has not taken yet ({@code sent - delivered}) are held up to a
 * limit; past it the stream ends with a final 'error' event (slow_reader), so a reader that
 * stops reading costs a fixed amount of memory, not one event per change for as long as it lasts.
 */
final class SubmissionStream {

    enum State { WAITING, LIVE, CLOSED }

    private final SubmissionRef ref;
    private final long submissionId;
    private final String name;
    private final String owner;
    private final String pool;
    private final String channel;
    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final Sse sse;
    private final ObjectMapper json;
    private final AtomicLong delivered;
    private final int maxBuffered;
    private final Runnable onClose;
    private long sent;

    private State state = State.WAITING;
    private final List<SubmissionEvent> buffer = new ArrayList<>();
    private int testsShown;
    private int phaseRank;
    private Integer lastPosition;
    private String lastSignature;
    private String lastMessage;

    /**
     * @param owner     the user whose stream slot this is (released on close)
     * @param delivered counts the events the client's connection has taken
     * @param onClose   run once when the stream ends, whoever ends it
     */
    SubmissionStream(SubmissionRef ref, String owner, String pool, String channel,
                     MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, ObjectMapper json,
                     AtomicLong delivered, int maxBuffered, Runnable onClose) {
        this.ref = ref;
        this.submissionId = ref.submissionId();
        this.name = ref.name();
        this.owner = owner;
        this.delivered = delivered;
        this.maxBuffered = maxBuffered;
        this.onClose = onClose;
        this.pool = pool;
        this.channel = channel;
        this.emitter = emitter;
        this.sse = sse;
        this.json = json;
    }

    SubmissionRef ref() {
        return ref;
    }

    String owner() {
        return owner;
    }

    String name() {
        return name;
    }

    String pool() {
        return pool;
    }

    String channel() {
        return channel;
    }

    /** Sends the snapshot, then what arrived meanwhile; closes at once when the snapshot is final. */
    synchronized void start(SubmissionView view) {
        if (state != State.WAITING) {
            return;
        }
        sendState(view);
        if (state == State.CLOSED) {
            return;
        }
        state = State.LIVE;
        for (SubmissionEvent e : buffer) {
            deliver(e);
            if (state == State.CLOSED) {
                break;
            }
        }
        buffer.clear();
    }

    synchronized void onEvent(SubmissionEvent e) {
        switch (state) {
            case WAITING -> {
                if (buffer.size() >= maxBuffered) {
                    // The snapshot sent later shows what these changes did.
                    buffer.remove(0);
                }
                buffer.add(e);
            }
            case LIVE -> deliver(e);
            case CLOSED -> { }
        }
    }

    /** A live queue position from the ticker; sent only when it changed. */
    synchronized void onQueuePosition(Integer position) {
        if (state != State.LIVE || position == null || position.equals(lastPosition) || phaseRank > 1) {
            return;
        }
        lastPosition = position;
        send("queue", EventView.queue(submissionId, position));
    }

    /** A re-read of the resource (Redis lost, or periodic): sent as a new state when it differs. */
    synchronized void resync(SubmissionView view) {
        if (state == State.LIVE && !signature(view).equals(lastSignature)) {
            sendState(view);
        }
    }

    synchronized boolean waitsInQueue() {
        return state == State.LIVE && phaseRank <= 1;
    }

    synchronized boolean isLive() {
        return state == State.LIVE;
    }

    /** Ends the stream with an error event, e.g. when the submission vanished. */
    synchronized void fail(String code, String message) {
        if (state == State.CLOSED) {
            return;
        }
        send("error", new ApiError(code, message, null));
        close();
    }

    synchronized void close() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            buffer.clear();
            emitter.complete();
            onClose.run();
        }
    }

    private void sendState(SubmissionView view) {
        phaseRank = Math.max(phaseRank, rank(view.phase(), view.isFinal()));
        lastPosition = view.queuePosition();
        lastMessage = view.message();
        lastSignature = signature(view);
        if (view.tests() != null) {
            testsShown = Math.max(testsShown, view.tests().size());
        }
        send("state", view);
        if (view.isFinal()) {
            close();
        }
    }

    private void deliver(SubmissionEvent e) {
        boolean advanced = false;
        if (e.phase() != null) {
            int rank = rank(e.phase().name(), e.isFinal());
            if (rank < phaseRank) {
                return;
            }
            advanced = rank > phaseRank;
            phaseRank = rank;
        }
        if (e.testsDone() != null && !e.isFinal()) {
            if (e.testsDone() <= testsShown && !advanced) {
                return;
            }
            testsShown = Math.max(testsShown, e.testsDone());
        }
        if (!advanced && repeatsThePhase(e)) {
            // The operator re-sends its status when only the coarse queue position moved: at most
            // a position change for the watcher, never a second "phase" event.
            onQueuePosition(e.queuePosition());
            return;
        }
        if (e.queuePosition() != null) {
            if (e.queuePosition().equals(lastPosition) && e.phase() == null) {
                return;
            }
            lastPosition = e.queuePosition();
        }
        if (e.phase() != null) {
            lastMessage = e.message();
        }
        send(EventView.kind(e), EventView.of(submissionId, e));
        if (e.isFinal()) {
            close();
        }
    }

    /** A change in the phase already shown that brings no verdict, compile result, tests or message. */
    private boolean repeatsThePhase(SubmissionEvent e) {
        return e.phase() != null && !e.isFinal() && e.verdict() == null && e.compile() == null
                && e.testsDone() == null && Objects.equals(e.message(), lastMessage);
    }

    private void send(String event, Object data) {
        if (state == State.CLOSED) {
            return;
        }
        if (sent - delivered.get() >= maxBuffered) {
            // The last event this stream holds: the client learns why the stream ended once it reads again.
            state = State.CLOSED;
            emit("error", new ApiError("slow_reader", "the client did not read " + maxBuffered
                    + " events; the stream ends here, reconnect to read the current state", null));
            buffer.clear();
            emitter.complete();
            onClose.run();
            return;
        }
        emit(event, data);
    }

    private void emit(String event, Object data) {
        sent++;
        try {
            emitter.emit(sse.newEventBuilder().name(event).data(json.writeValueAsString(data)).build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pending 0, Queued 1, Running 2, final 3: a stream never goes back. */
    private static int rank(String phase, boolean isFinal) {
        if (isFinal) {
            return 3;
        }
        if (phase == null) {
            return 0;
        }
        return switch (phase.toUpperCase()) {
            case "QUEUED" -> 1;
            case "RUNNING" -> 2;
            case "COMPLETED", "CANCELLED", "REJECTED", "FAILED" -> 3;
            default -> 0;
        };
    }

    private static String signature(SubmissionView v) {
        return v.phase() + "|" + v.verdict() + "|" + v.score() + "|" + (v.tests() == null ? 0 : v.tests().size())
                + "|" + v.queuePosition() + "|" + Objects.toString(v.message());
    }
}
