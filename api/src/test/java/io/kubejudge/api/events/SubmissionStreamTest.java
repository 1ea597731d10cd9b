package io.kubejudge.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubejudge.model.redis.SubmissionEvent;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.api.submission.SubmissionRef;
import io.kubejudge.api.submission.SubmissionView;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;
import org.junit.jupiter.api.Test;

/** The ordering rules of one stream, without HTTP or Redis: what arrives before the snapshot. */
class SubmissionStreamTest {

    private final List<String> sent = new ArrayList<>();
    private final AtomicBoolean completed = new AtomicBoolean();

    /** Events the "client" took: every sent one unless a test holds it back. */
    private final AtomicLong delivered = new AtomicLong(Long.MAX_VALUE / 2);
    private final AtomicInteger closes = new AtomicInteger();

    private SubmissionStream stream() {
        return stream(64);
    }

    private SubmissionStream stream(int maxBuffered) {
        AtomicReference<SubmissionStream> ref = new AtomicReference<>();
        Multi.createFrom().<OutboundSseEvent>emitter(em -> ref.set(new SubmissionStream(new SubmissionRef("5", 7), "5",
                        "default", "kubejudge:events:ns:sub-5-7", em, new SseImpl(), new ObjectMapper(), delivered,
                        maxBuffered, closes::incrementAndGet)), BackPressureStrategy.BUFFER)
                .subscribe().with(e -> sent.add(e.getName() + " " + e.getData()), () -> completed.set(true));
        return ref.get();
    }

    private static SubmissionView view(String phase, boolean isFinal, Integer position, String... tests) {
        List<SubmissionView.TestView> t = new ArrayList<>();
        for (String name : tests) {
            t.add(new SubmissionView.TestView(name, "Accepted", 1L, 1L, 0, null, 1.0, null));
        }
        return new SubmissionView(7, "sub-7", 1L, "problem-1", "5", null, "c", "default", "normal", phase, isFinal,
                null, null, null, null, null, null, position, null, t, null, 0, null, null, null, null, "live", "/u", "/u/events");
    }

    private static SubmissionEvent phase(Phase p) {
        return new SubmissionEvent("ns", "sub-7", "7", p, null, null, null, null, null, null, null, null, null, null,
                false, null);
    }

    private static SubmissionEvent queued(int position) {
        return new SubmissionEvent("ns", "sub-7", "7", Phase.QUEUED, null, null, null, null, null, null, position, null,
                null, null, false, null);
    }

    private static SubmissionEvent testsDone(int done) {
        return new SubmissionEvent("ns", "sub-7", "7", Phase.RUNNING, null, null, null, null, null, null, null, 1, done,
                null, false, null);
    }

    @Test
    void aReaderThatTakesNothingGetsAFinalSlowReaderEventAndTheStreamEnds() {
        delivered.set(0);
        SubmissionStream s = stream(3);
        s.start(view("Running", false, null));
        s.onEvent(testsDone(1));
        s.onEvent(testsDone(2));
        assertThat(completed).isFalse();
        s.onEvent(testsDone(3));
        s.onEvent(testsDone(4));
        s.onEvent(testsDone(5));

        assertThat(sent).extracting(e -> e.split(" ")[0]).containsExactly("state", "test", "test", "error");
        assertThat(sent.get(3)).contains("\"code\":\"slow_reader\"").contains("did not read 3 events");
        assertThat(completed).isTrue();
        assertThat(closes).hasValue(1);
    }

    @Test
    void aReaderThatKeepsUpIsNeverCut() {
        delivered.set(0);
        SubmissionStream s = stream(3);
        s.start(view("Running", false, null));
        for (int i = 1; i <= 50; i++) {
            delivered.set(sent.size());
            s.onEvent(testsDone(i));
        }
        assertThat(sent).hasSize(51).noneMatch(e -> e.startsWith("error"));
        assertThat(completed).isFalse();
    }

    @Test
    void changesThatArriveBeforeTheSnapshotFollowIt() {
        SubmissionStream s = stream();
        s.onEvent(phase(Phase.RUNNING));
        s.onEvent(testsDone(1));
        assertThat(sent).isEmpty();

        s.start(view("Queued", false, 4));
        assertThat(sent).extracting(e -> e.split(" ")[0]).containsExactly("state", "phase", "test");
        assertThat(completed).isFalse();
    }

    @Test
    void changesTheSnapshotAlreadyShowsAreDropped() {
        SubmissionStream s = stream();
        s.onEvent(phase(Phase.QUEUED));
        s.onEvent(testsDone(1));
        s.onEvent(testsDone(2));
        s.start(view("Running", false, null, "t1"));
        assertThat(sent).extracting(e -> e.split(" ")[0]).containsExactly("state", "test");
        assertThat(sent.get(1)).contains("\"tests_done\":2");
    }

    @Test
    void aFinalSnapshotEndsTheStreamAndIgnoresTheRest() {
        SubmissionStream s = stream();
        s.onEvent(testsDone(1));
        s.start(view("Completed", true, null, "t1"));
        s.onEvent(phase(Phase.RUNNING));
        assertThat(sent).hasSize(1);
        assertThat(completed).isTrue();
    }

    @Test
    void queuePositionsAreSentOnlyWhenTheyChangeAndOnlyWhileQueued() {
        SubmissionStream s = stream();
        s.start(view("Queued", false, 5));
        s.onQueuePosition(5);
        s.onQueuePosition(4);
        s.onQueuePosition(4);
        s.onEvent(phase(Phase.RUNNING));
        s.onQueuePosition(1);
        assertThat(sent).extracting(e -> e.split(" ")[0]).containsExactly("state", "queue", "phase");
        assertThat(s.waitsInQueue()).isFalse();
    }

    @Test
    void aRepeatedPhaseIsSentOnlyAsTheQueuePositionItMoved() {
        SubmissionStream s = stream();
        s.start(view("Queued", false, 2));
        s.onQueuePosition(1);
        s.onEvent(queued(1));
        s.onEvent(queued(3));
        s.onEvent(phase(Phase.RUNNING));
        assertThat(sent).extracting(e -> e.split(" ")[0]).containsExactly("state", "queue", "queue", "phase");
        assertThat(sent.get(2)).contains("\"queue_position\":3").doesNotContain("\"phase\"");
    }

    @Test
    void aResyncSendsAFreshStateOnlyWhenSomethingChanged() {
        SubmissionStream s = stream();
        s.start(view("Running", false, null));
        s.resync(view("Running", false, null));
        s.resync(view("Running", false, null, "t1"));
        s.resync(view("Completed", true, null, "t1"));
        assertThat(sent).extracting(e -> e.split(" ")[0]).containsExactly("state", "state", "state");
        assertThat(completed).isTrue();
    }

    @Test
    void aFinalEventEndsTheStream() {
        SubmissionStream s = stream();
        s.start(view("Running", false, null));
        s.onEvent(new SubmissionEvent("ns", "sub-7", "7", Phase.COMPLETED, Verdict.ACCEPTED, 2.0, 2.0, null, null, null,
                null, 1, 2, null, true, null));
        s.onEvent(testsDone(3));
        assertThat(sent).extracting(e -> e.split(" ")[0]).containsExactly("state", "verdict");
        assertThat(completed).isTrue();
    }
}
