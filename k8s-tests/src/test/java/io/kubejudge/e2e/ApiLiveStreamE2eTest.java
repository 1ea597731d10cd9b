package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testcluster.RepositoryLayout;
import io.kubejudge.testsupport.RedisServer;
import io.kubejudge.testsupport.SseStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API as a platform uses it, against the real operator: two replicas of the packaged API
 * service (processes of their own, {@link ApiProcess}) on the in-JVM test cluster and the
 * scenario's redis-server. Submissions made through the API are judged by the operator and the
 * real runner; their event streams, on either replica, start with the current state and follow
 * the operator's changes in order up to the verdict, and the results are read live, then from the
 * archive once the operator's retention removed the resources.
 */
class ApiLiveStreamE2eTest extends E2eScenario {

    private static final Logger LOG = LoggerFactory.getLogger(ApiLiveStreamE2eTest.class);
    private static final Duration READY = Duration.ofMinutes(2);
    private static final Duration CHANGE = Duration.ofMinutes(2);
    private static final Duration JUDGED = Duration.ofMinutes(5);
    /** Long enough to read a finished submission live, even on a busy machine; then it is archived. */
    private static final Duration RETENTION = Duration.ofSeconds(30);
    private static final long PROBLEM_ID = 1;
    private static final String USER = "7";
    /** The phases a submission goes through on the way to its verdict; "Pending" is the API's name for "not seen yet". */
    private static final List<String> PHASES = List.of("Pending", "Queued", "Running", "Completed");
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);
    /** A problem whose judging takes a few seconds: a test takes the program 0.4 s (asleep, so no CPU limit near). */
    private static final long SLOW_PROBLEM_ID = 2;
    private static final int SLOW_TESTS = 8;
    private static final String SLOW_PYTHON = "import sys, time\ntime.sleep(0.4)\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\n";

    private final List<ApiProcess> replicas = new ArrayList<>();
    private ApiProcess replicaA;
    private ApiProcess replicaB;
    private String token;

    @Override
    protected OperatorSettings.Builder operatorSettings(OperatorSettings.Builder defaults) {
        return defaults.retention(RETENTION).archiveTtl(Duration.ofHours(1)).progressInterval(PROGRESS_INTERVAL);
    }

    @BeforeAll
    void problemPoolAndApi() {
        operator();
        RedisServer redis = redis();
        // The API names problems by number (kubejudge.api.problem-name-template, problem-{id}): the example
        // problem under that name too, reading the same test data.
        JudgeProblem example = kubejudge.applyExampleProblem("aplusb");
        JudgeProblem byId = new JudgeProblem();
        byId.getMetadata().setName("problem-" + PROBLEM_ID);
        byId.setSpec(example.getSpec());
        kubejudge.createProblem(byId);
        // No slot yet: submissions wait in the queue until the test lets them run.
        kubejudge.createPool("default", 0);

        String apiServer = client.getMasterUrl().toString();
        Map<String, String> settings = new java.util.HashMap<>(Map.of("kubejudge.api.events.queue-position-interval", "250ms"));
        if (environment.chartRbac() != null) {
            // The API as its chart's service account, held to the chart's RBAC for a release serving this namespace.
            environment.chartRbac().install(namespace);
            settings.put("kubernetes.auth.token", ChartRbac.apiToken());
        }
        // Started from this thread (see ApiProcess); both start up at the same time.
        replicaA = add(ApiProcess.start("a", apiServer, namespace, redis, settings));
        replicaB = add(ApiProcess.start("b", apiServer, namespace, redis, settings));
        token = ApiProcess.mintToken(USER, "submitter");
        replicaA.awaitReady(READY);
        replicaB.awaitReady(READY);
    }

    private ApiProcess add(ApiProcess replica) {
        replicas.add(replica);
        return replica;
    }

    @AfterAll
    void stopApi() {
        replicas.forEach(ApiProcess::close);
        assertThat(replicas).as("API replicas stopped").noneMatch(ApiProcess::isAlive);
    }

    @Test
    void submissionsThroughTheApiAreStreamedLiveAsTheOperatorJudgesThemThenReadFromTheArchive() {
        // An accepted submission through replica A, its events on both replicas. The operator is not running
        // yet, so the streams start from a submission nobody has seen (Pending) and must show every change.
        operator().stop();
        submit(replicaA, 1001, "cpp", example("accepted.cpp"));
        SseStream acceptedOnA = open(replicaA, 1001);
        SseStream acceptedOnB = open(replicaB, 1001);
        for (SseStream s : List.of(acceptedOnA, acceptedOnB)) {
            assertStartsWithTheCurrentState(s, "Pending");
        }
        operator().start();
        for (SseStream s : List.of(acceptedOnA, acceptedOnB)) {
            s.await(e -> "Queued".equals(e.phase()), CHANGE, "Queued");
            s.await(e -> e.json().path("queue_position").asInt() == 1, CHANGE, "with queue position 1");
        }

        // A wrong answer through replica B, queued behind it; the operator may have seen it before the stream opens.
        submit(replicaB, 1002, "cpp", example("wrong-answer.cpp"));
        SseStream wrongOnB = open(replicaB, 1002);
        assertStartsWithTheCurrentState(wrongOnB, "Pending", "Queued");
        wrongOnB.await(e -> e.json().path("queue_position").asInt() == 2, CHANGE, "with queue position 2");

        // One slot: the operator runs the first, then the second, which moves up the queue meanwhile.
        kubejudge.setReplicas("default", 1);

        List<SseStream.Event> accepted = acceptedOnA.awaitEnd(JUDGED);
        JsonNode acceptedLive = replicaA.getJson("/api/v1/judge/submissions/1001", token);
        assertFollowsTheOperator(accepted, "Accepted");
        assertFollowsTheOperator(acceptedOnB.awaitEnd(JUDGED), "Accepted");
        assertThat(finalEvent(acceptedOnB.events()).json()).as("both replicas end the stream with the same verdict event")
                .isEqualTo(finalEvent(accepted).json());

        List<SseStream.Event> wrong = wrongOnB.awaitEnd(JUDGED);
        JsonNode wrongLive = replicaB.getJson("/api/v1/judge/submissions/1002", token);
        assertFollowsTheOperator(wrong, "WrongAnswer");
        assertThat(positionsBefore(wrong, "Running")).as("queue positions of the second submission before it ran")
                .containsSubsequence(2, 1);

        // One slot: the second was admitted once the first had its verdict.
        assertThat(Instant.parse(wrongLive.path("admitted_at").asText()))
                .isAfterOrEqualTo(Instant.parse(acceptedLive.path("completed_at").asText()));

        // Results, live: verdict, score and every test of the problem.
        assertThat(acceptedLive.path("source").asText()).as("read from the live resource").isEqualTo("live");
        assertThat(wrongLive.path("source").asText()).as("read from the live resource").isEqualTo("live");
        assertResult(acceptedLive, "Accepted");
        assertThat(acceptedLive.path("score").asDouble()).isEqualTo(acceptedLive.path("max_score").asDouble()).isEqualTo(100.0);
        assertThat(testVerdicts(acceptedLive)).containsOnly("Accepted");
        assertResult(wrongLive, "WrongAnswer");
        assertThat(wrongLive.path("score").asDouble()).isLessThan(wrongLive.path("max_score").asDouble());
        assertThat(testVerdicts(wrongLive)).contains("WrongAnswer");
        assertThat(finalEvent(accepted).json().path("score").asDouble()).isEqualTo(acceptedLive.path("score").asDouble());
        assertThat(finalEvent(wrong).json().path("score").asDouble()).isEqualTo(wrongLive.path("score").asDouble());

        // The operator's retention archives the resources and deletes them: the API answers from the archive,
        // on both replicas, with the same result.
        Awaitility.await().atMost(RETENTION.plus(JUDGED)).pollInterval(Duration.ofMillis(500))
                .until(() -> kubejudge.get("sub-" + USER + "-1001") == null && kubejudge.get("sub-" + USER + "-1002") == null);
        for (ApiProcess replica : replicas) {
            for (JsonNode live : List.of(acceptedLive, wrongLive)) {
                long id = live.path("submission_id").asLong();
                JsonNode archived = replica.getJson("/api/v1/judge/submissions/" + id, token);
                assertThat(archived.path("source").asText()).as("submission %d on replica %s", id, replica.name()).isEqualTo("archive");
                for (String field : List.of("phase", "final", "verdict", "score", "max_score", "tests", "user_id", "language", "pool")) {
                    assertThat(archived.get(field)).as("%s of submission %d from the archive on replica %s", field, id, replica.name())
                            .isEqualTo(live.get(field));
                }
            }
        }
        // A stream opened now (a client reconnecting) gets the final state and ends at once.
        SseStream reconnected = open(replicaB, 1001);
        List<SseStream.Event> again = reconnected.awaitEnd(CHANGE);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).name()).isEqualTo("state");
        assertThat(again.get(0).isFinal()).isTrue();
        assertThat(again.get(0).json().path("verdict").asText()).isEqualTo("Accepted");
    }

    @Test
    void aJudgesTestsAreStreamedAsTheyRun() {
        kubejudge.createProblem(TinyProblem.named("problem-" + SLOW_PROBLEM_ID, SLOW_TESTS));
        // A pool of its own: the other scenario counts on "default" having no slot at first.
        kubejudge.createPool("progress", 1);
        submit(replicaA, 2001, SLOW_PROBLEM_ID, "progress", "python", SLOW_PYTHON);
        List<SseStream.Event> events = open(replicaB, 2001).awaitEnd(JUDGED);

        assertFollowsTheOperator(events, "Accepted");
        SseStream.Event last = finalEvent(events);
        assertThat(last.json().path("tests_done").asInt()).isEqualTo(SLOW_TESTS);
        List<Integer> told = events.subList(0, events.size() - 1).stream().filter(e -> "test".equals(e.name()))
                .map(e -> e.json().path("tests_done").asInt()).toList();
        assertThat(told).as("tests done, told while the judge ran (events: %s)", events)
                .isNotEmpty().isSorted().doesNotHaveDuplicates().allMatch(n -> n >= 1 && n <= SLOW_TESTS)
                .anyMatch(n -> n < SLOW_TESTS);
        assertThat(events.stream().filter(e -> "test".equals(e.name())))
                .as("progress is told only while the submission runs").allMatch(e -> "Running".equals(e.phase()));
    }

    private void submit(ApiProcess replica, long submissionId, String language, String code) {
        submit(replica, submissionId, PROBLEM_ID, null, language, code);
    }

    private void submit(ApiProcess replica, long submissionId, long problemId, String pool, String language, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submission_id", submissionId);
        body.put("problem_id", problemId);
        body.put("user_id", Long.parseLong(USER));
        body.put("language", language);
        body.put("code", code);
        if (pool != null) {
            body.put("pool", pool);
        }
        // A problem or pool created a moment ago may not have reached the replica's informers yet (422).
        HttpResponse<String> r = Awaitility.await().atMost(CHANGE).pollInterval(Duration.ofMillis(200))
                .until(() -> replica.post("/api/v1/judge/submit", token, body), response -> response.statusCode() != 422);
        assertThat(r.statusCode()).as("submit %d on replica %s: %s", submissionId, replica.name(), r.body()).isEqualTo(202);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/v1/judge/submissions/" + submissionId + "?user_id=" + USER));
        assertThat(ApiProcess.json(r.body()).path("submission_id").asLong()).isEqualTo(submissionId);
    }

    private SseStream open(ApiProcess replica, long submissionId) {
        SseStream s = replica.events("/api/v1/judge/submissions/" + submissionId + "/events", token);
        assertThat(s.status(CHANGE)).as("events of %d on replica %s", submissionId, replica.name()).isEqualTo(200);
        return s;
    }

    /** The first event is the whole current state, not final yet: nothing can run before the pool has a slot. */
    private static void assertStartsWithTheCurrentState(SseStream s, String... phases) {
        SseStream.Event first = s.await(e -> true, CHANGE, "at all");
        assertThat(first.name()).isEqualTo("state");
        assertThat(first.phase()).isIn((Object[]) phases);
        assertThat(first.isFinal()).isFalse();
        assertThat(first.json().path("user_id").asText()).isEqualTo(USER);
    }

    /**
     * The stream shows the state it started from, then every later phase once and in order, without a gap
     * (Queued, Running, Completed), and ends at the final event with the verdict; per-test progress, if
     * any, only grows; the queue position is told only while the submission waits.
     */
    private static void assertFollowsTheOperator(List<SseStream.Event> events, String verdict) {
        LOG.info("events: {}", events.stream().map(ApiLiveStreamE2eTest::brief).toList());
        assertThat(events).as("events").isNotEmpty();
        assertThat(events.get(0).name()).isEqualTo("state");
        // A later "state" (a resync) may repeat the phase; "phase" events must not.
        List<String> phases = new ArrayList<>(List.of(events.get(0).phase()));
        for (SseStream.Event e : events) {
            if (List.of("phase", "verdict").contains(e.name())) {
                phases.add(e.phase());
            }
        }
        assertThat(phases).as("each phase told once, in order, in %s", events)
                .isEqualTo(PHASES.subList(PHASES.indexOf(events.get(0).phase()), PHASES.size()));

        SseStream.Event last = events.get(events.size() - 1);
        assertThat(last.isFinal()).as("the stream ends at the final event: %s", events).isTrue();
        assertThat(events.subList(0, events.size() - 1)).as("only the last event is final").noneMatch(SseStream.Event::isFinal);
        assertThat(last.phase()).isEqualTo("Completed");
        assertThat(last.json().path("verdict").asText()).isEqualTo(verdict);

        int testsDone = 0;
        boolean running = false;
        for (SseStream.Event e : events) {
            running |= "Running".equals(e.phase()) || e.isFinal();
            if (e.json().has("tests_done")) {
                assertThat(e.json().get("tests_done").asInt()).as("tests done in %s", e).isGreaterThanOrEqualTo(testsDone);
                testsDone = e.json().get("tests_done").asInt();
            }
            if (running) {
                assertThat(e.json().has("queue_position")).as("a queue position after the submission left the queue: %s", e).isFalse();
            }
        }
    }

    /** An event in short: its name and the fields that tell the change. */
    private static String brief(SseStream.Event e) {
        StringBuilder b = new StringBuilder(e.name());
        for (String field : List.of("phase", "queue_position", "tests_done", "verdict", "score")) {
            if (e.json().hasNonNull(field)) {
                b.append(' ').append(field).append('=').append(e.json().get(field).asText());
            }
        }
        return b.toString();
    }

    private static List<Integer> positionsBefore(List<SseStream.Event> events, String phase) {
        List<Integer> positions = new ArrayList<>();
        for (SseStream.Event e : events) {
            if (phase.equals(e.phase())) {
                break;
            }
            if (e.json().hasNonNull("queue_position")) {
                positions.add(e.json().get("queue_position").asInt());
            }
        }
        return positions;
    }

    private static SseStream.Event finalEvent(List<SseStream.Event> events) {
        return events.get(events.size() - 1);
    }

    private static void assertResult(JsonNode view, String verdict) {
        assertThat(view.path("phase").asText()).isEqualTo("Completed");
        assertThat(view.path("final").asBoolean()).isTrue();
        assertThat(view.path("verdict").asText()).isEqualTo(verdict);
        assertThat(view.path("user_id").asText()).isEqualTo(USER);
        assertThat(view.path("language").asText()).isEqualTo("cpp");
        assertThat(view.path("pool").asText()).isEqualTo("default");
        assertThat(view.path("problem").asText()).isEqualTo("problem-" + PROBLEM_ID);
        List<String> names = new ArrayList<>();
        view.path("tests").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).as("tests of %s", view).containsExactly("sample-1", "small-1", "small-2", "small-3", "small-4",
                "large-1", "large-2", "large-3", "large-4", "large-5");
    }

    private static List<String> testVerdicts(JsonNode view) {
        List<String> verdicts = new ArrayList<>();
        view.path("tests").forEach(t -> verdicts.add(t.path("verdict").asText()));
        return verdicts;
    }

    private static String example(String file) {
        try {
            return Files.readString(RepositoryLayout.root().resolve("examples/submissions/aplusb").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
