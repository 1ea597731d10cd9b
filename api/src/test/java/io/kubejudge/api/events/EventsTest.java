package io.kubejudge.api.events;

import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.api.support.Archive;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.kubejudge.testsupport.SseStream;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class EventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    KubernetesClient client;
    @Inject
    EventHub hub;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    private String baseUrl() {
        String s = base.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private SseStream open(long id, String token) {
        return SseStream.open(URI.create(baseUrl() + "/api/v1/judge/submissions/" + id + "/events"), token);
    }

    private void publish(long id, String event) {
        try (Jedis j = Archive.redis()) {
            j.publish(RedisKeys.events(client.getNamespace(), Fixtures.nameOf(id)), event);
        }
    }

    private void awaitSubscribed(long id) {
        Awaitility.await().atMost(WAIT).until(() -> hub.isSubscribed(Fixtures.nameOf(id)));
    }

    @Test
    void theStateComesFirstThenEveryChangeInOrderThenTheStreamEnds() throws Exception {
        long user = nextId();
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        SseStream stream = open(id, token(Long.toString(user)));

        SseStream.Event state = stream.next(WAIT);
        assertThat(state.name()).isEqualTo("state");
        assertThat(state.json().get("phase").asText()).isEqualTo("Pending");
        assertThat(state.json().get("submission_id").asLong()).isEqualTo(id);
        awaitSubscribed(id);

        publish(id, "{\"phase\":\"Queued\",\"queuePosition\":2}");
        publish(id, "{\"phase\":\"Running\"}");
        publish(id, "{\"phase\":\"Running\",\"compile\":{\"success\":true,\"message\":\"\",\"timeMs\":300}}");
        publish(id, "{\"phase\":\"Running\",\"testsDone\":1}");
        publish(id, "{\"phase\":\"Running\",\"testsDone\":2}");
        publish(id, "{\"phase\":\"Completed\",\"verdict\":\"WrongAnswer\",\"score\":1,\"maxScore\":2,"
                + "\"timeMs\":7,\"memoryKiB\":900,\"testsDone\":2,\"terminal\":true,\"futureField\":1}");

        List<String> names = new ArrayList<>();
        List<JsonNode> payloads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SseStream.Event e = stream.next(WAIT);
            names.add(e.name());
            payloads.add(e.json());
        }
        assertThat(names).containsExactly("phase", "phase", "compile", "test", "test", "verdict");
        assertThat(payloads.get(0).get("phase").asText()).isEqualTo("Queued");
        assertThat(payloads.get(0).get("queue_position").asInt()).isEqualTo(2);
        assertThat(payloads.get(1).get("phase").asText()).isEqualTo("Running");
        assertThat(payloads.get(2).get("compile").get("time_ms").asLong()).isEqualTo(300);
        assertThat(payloads.get(3).get("tests_done").asInt()).isEqualTo(1);
        assertThat(payloads.get(4).get("tests_done").asInt()).isEqualTo(2);
        assertThat(payloads.get(5).get("verdict").asText()).isEqualTo("WrongAnswer");
        assertThat(payloads.get(5).get("memory_kib").asLong()).isEqualTo(900);
        assertThat(payloads.get(5).get("final").asBoolean()).isTrue();
        stream.awaitEnd(WAIT);
        assertThat(stream.drain()).isEmpty();
        Awaitility.await().atMost(WAIT).until(() -> !hub.channels().contains(RedisKeys.events(client.getNamespace(), Fixtures.nameOf(id))));
    }

    @Test
    void theOperatorsSubmissionEventsAreRelayed() throws Exception {
        long user = nextId();
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        SseStream stream = open(id, token(Long.toString(user)));
        assertThat(stream.next(WAIT).name()).isEqualTo("state");
        awaitSubscribed(id);

        String common = "\"namespace\":\"" + client.getNamespace() + "\",\"submission\":\"" + Fixtures.nameOf(id)
                + "\",\"submissionId\":\"" + id + "\",\"at\":\"2026-01-01T00:00:00Z\"";
        publish(id, "{" + common + ",\"phase\":\"Queued\",\"queuePosition\":1,\"terminal\":false}");
        publish(id, "{" + common + ",\"phase\":\"Running\",\"attempts\":1,\"terminal\":false}");
        publish(id, "{" + common + ",\"phase\":\"Running\",\"attempts\":1,\"testsDone\":1,\"terminal\":false}");
        publish(id, "{" + common + ",\"phase\":\"Completed\",\"verdict\":\"Accepted\",\"score\":2.0,"
                + "\"maxScore\":2.0,\"attempts\":1,\"testsDone\":2,\"terminal\":true}");

        List<String> names = new ArrayList<>();
        List<JsonNode> payloads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SseStream.Event e = stream.next(WAIT);
            names.add(e.name());
            payloads.add(e.json());
        }
        assertThat(names).containsExactly("phase", "phase", "test", "verdict");
        assertThat(payloads.get(0).get("queue_position").asInt()).isEqualTo(1);
        assertThat(payloads.get(2).get("tests_done").asInt()).isEqualTo(1);
        assertThat(payloads.get(3).get("score").asDouble()).isEqualTo(2.0);
        stream.awaitEnd(WAIT);
    }

    @Test
    void aWaitingSubmissionGetsItsLiveQueuePositionAsItMoves() throws Exception {
        long user = nextId();
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        Fixtures.setStatus(client, id, st -> st.setPhase(JudgeSubmissionStatus.Phase.QUEUED));
        String queue = RedisKeys.queue(client.getNamespace(), "default");
        try (Jedis j = Archive.redis()) {
            j.zadd(queue, 1, "sub-before-a" + id);
            j.zadd(queue, 2, "sub-before-b" + id);
            j.zadd(queue, 3, Fixtures.nameOf(id));
        }
        SseStream stream = open(id, token(Long.toString(user)));
        SseStream.Event state = stream.next(WAIT);
        assertThat(state.name()).isEqualTo("state");
        assertThat(state.json().get("queue_position").asInt()).isEqualTo(3);

        try (Jedis j = Archive.redis()) {
            j.zrem(queue, "sub-before-a" + id);
        }
        SseStream.Event moved = stream.next(WAIT);
        assertThat(moved.name()).isEqualTo("queue");
        assertThat(moved.json().get("queue_position").asInt()).isEqualTo(2);

        try (Jedis j = Archive.redis()) {
            j.zrem(queue, "sub-before-b" + id, Fixtures.nameOf(id));
        }
        publish(id, "{\"phase\":\"Cancelled\",\"verdict\":\"Cancelled\"}");
        SseStream.Event last = stream.next(WAIT);
        assertThat(last.name()).isEqualTo("verdict");
        assertThat(last.json().get("phase").asText()).isEqualTo("Cancelled");
        stream.awaitEnd(WAIT);
    }

    @Test
    void aFinishedSubmissionGetsOneStateAndTheStreamEnds() throws Exception {
        long user = nextId();
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        Archive.archiveAndDelete(client, id, "Completed", "Accepted");

        SseStream stream = open(id, token(Long.toString(user)));
        SseStream.Event state = stream.next(WAIT);
        assertThat(state.name()).isEqualTo("state");
        assertThat(state.json().get("verdict").asText()).isEqualTo("Accepted");
        assertThat(state.json().get("source").asText()).isEqualTo("archive");
        stream.awaitEnd(WAIT);
        assertThat(stream.drain()).isEmpty();
    }

    @Test
    void someoneElsesOrAMissingSubmissionIsRefusedBeforeStreaming() {
        long user = nextId();
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        SseStream foreign = open(id, token(Long.toString(user + 1)));
        Awaitility.await().atMost(WAIT).until(foreign::ended);
        assertThat(foreign.status(WAIT)).isEqualTo(404);
        SseStream missing = open(543_210_987L, token(Long.toString(user)));
        Awaitility.await().atMost(WAIT).until(missing::ended);
        assertThat(missing.status(WAIT)).isEqualTo(404);
    }

    @Test
    void manyIdleStreamsShareOneRedisConnectionAndNeedNoThreadEach() throws Exception {
        int n = 300;
        long user = nextId();
        String token = token(Long.toString(user));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = nextId();
            Fixtures.createSubmission(client, id, user, "default");
            ids.add(id);
        }
        // Opened one after the other: a burst of opens would grow the request worker pool (which
        // is pooled, not per stream) and blur what is measured here.
        SseStream first = open(ids.get(0), token);
        assertThat(first.next(Duration.ofSeconds(30)).name()).isEqualTo("state");
        int threadsBefore = Thread.activeCount();
        List<SseStream> streams = new ArrayList<>(List.of(first));
        for (long id : ids.subList(1, ids.size())) {
            SseStream s = open(id, token);
            assertThat(s.next(Duration.ofSeconds(30)).name()).isEqualTo("state");
            streams.add(s);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> hub.isSubscribed(Fixtures.nameOf(id))));
        assertThat(hub.openStreams()).isGreaterThanOrEqualTo(n);
        assertThat(streams).noneMatch(SseStream::ended);
        int threadsWhileOpen = Thread.activeCount();
        assertThat(threadsWhileOpen - threadsBefore).as("threads added for %d open streams", n).isLessThan(40);
        try (Jedis j = Archive.redis()) {
            long subscribers = j.clientList().lines().filter(l -> l.contains("name=kubejudge-api-events")).count();
            assertThat(subscribers).as("Redis connections subscribed for events").isEqualTo(1);
        }

        for (long id : ids) {
            publish(id, "{\"phase\":\"Completed\",\"verdict\":\"Accepted\"}");
        }
        for (SseStream s : streams) {
            assertThat(s.next(Duration.ofSeconds(30)).name()).isEqualTo("verdict");
            s.awaitEnd(Duration.ofSeconds(30));
        }
        Awaitility.await().atMost(WAIT).until(() -> ids.stream().noneMatch(id -> hub.channels()
                .contains(RedisKeys.events(client.getNamespace(), Fixtures.nameOf(id)))));
    }
}
