package io.kubejudge.api.limits;

import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.events.EventHub;
import io.kubejudge.api.support.Api;
import io.kubejudge.api.support.Archive;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.testsupport.SseStream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Each limit a user could otherwise push without end: reads, live streams per user and in total, unread events. */
@QuarkusTest
@TestProfile(LimitsProfile.class)
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class LimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KubernetesClient client;
    @Inject
    EventHub hub;
    @TestHTTPResource("/")
    URL base;

    private final List<SseStream> opened = new ArrayList<>();

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    @AfterEach
    void closeStreams() {
        opened.forEach(SseStream::close);
        Awaitility.await().atMost(WAIT).until(() -> hub.openStreams() == 0);
    }

    private SseStream open(long user, long id) {
        SseStream s = SseStream.open(URI.create(base.toString().replaceAll("/$", "") + "/api/v1/judge/submissions/" + id
                + "/events"), token(Long.toString(user)));
        opened.add(s);
        return s;
    }

    /** A queued submission of {@code user} and a stream of it that has sent its first state. */
    private SseStream liveStream(long user) {
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        SseStream s = open(user, id);
        assertThat(s.next(WAIT).name()).isEqualTo("state");
        return s;
    }

    @Test
    void readsPastTheLimitAre429WithRetryAfterForThatUserOnly() {
        long user = nextId();
        String t = token(Long.toString(user));
        for (int i = 0; i < LimitsProfile.READS; i++) {
            Api.get(t, 900_000_000L + i).statusCode(404);
        }
        String retryAfter = Api.get(t, 900_000_000L).statusCode(429)
                .body("code", equalTo("rate_limited"))
                .body("message", containsString("at most " + LimitsProfile.READS + " reads per 3600 s per user"))
                .extract().header("Retry-After");
        // 12 reads per hour refill one every 300 s.
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 300L);
        // Opening a stream is a read too.
        given().auth().oauth2(t).get("/api/v1/judge/submissions/1/events").then().statusCode(429);

        Api.get(token(Long.toString(user + 1)), 900_000_000L).statusCode(404);
        Api.get(Fixtures.adminToken(), 900_000_000L, user).statusCode(404);
    }

    @Test
    void moreLiveStreamsPerUserThanTheLimitAre429UntilOneCloses() {
        long user = nextId();
        List<SseStream> mine = new ArrayList<>();
        for (int i = 0; i < LimitsProfile.STREAMS_PER_USER; i++) {
            mine.add(liveStream(user));
        }
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        given().auth().oauth2(token(Long.toString(user))).get("/api/v1/judge/submissions/" + id + "/events").then()
                .statusCode(429).header("Retry-After", "7").body("code", equalTo("too_many_streams"))
                .body("message", containsString("at most " + LimitsProfile.STREAMS_PER_USER + " live streams per user"));

        mine.get(0).close();
        Awaitility.await().atMost(WAIT).until(() -> hub.openStreams() == LimitsProfile.STREAMS_PER_USER - 1);
        SseStream again = open(user, id);
        assertThat(again.next(WAIT).name()).isEqualTo("state");
    }

    @Test
    void moreLiveStreamsInTotalThanTheLimitAre429() {
        for (int i = 0; i < LimitsProfile.STREAMS; i++) {
            liveStream(nextId());
        }
        long user = nextId();
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        given().auth().oauth2(token(Long.toString(user))).get("/api/v1/judge/submissions/" + id + "/events").then()
                .statusCode(429).header("Retry-After", "7").body("code", equalTo("too_many_streams"))
                .body("message", containsString("limit of " + LimitsProfile.STREAMS + " live streams"));
        assertThat(hub.openStreams()).isEqualTo(LimitsProfile.STREAMS);
    }

    /**
     * A client that opens a stream and never reads: once the kernel's socket buffers are full the
     * stream holds at most max-buffered-events, then ends with a final slow_reader event instead
     * of holding every later change in memory.
     */
    @Test
    void aReaderThatStopsReadingIsCutWithAFinalEvent() throws Exception {
        long user = nextId();
        long id = nextId();
        Fixtures.createSubmission(client, id, user, "default");
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            socket.getOutputStream().write(("GET /api/v1/judge/submissions/" + id + "/events HTTP/1.1\r\nHost: "
                    + base.getHost() + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token(Long.toString(user))
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Awaitility.await().atMost(WAIT).until(() -> hub.isSubscribedTo(Fixtures.nameOf(id)));

            // 32 KiB per event: a few hundred fill any socket buffer; the client reads none of them.
            String padding = "x".repeat(32 * 1024);
            int published = 0;
            try (Jedis j = Archive.redis()) {
                String channel = RedisKeys.events(client.getNamespace(), Fixtures.nameOf(id));
                long until = System.nanoTime() + WAIT.toNanos() * 3;
                while (hub.openStreams() > 0 && System.nanoTime() < until) {
                    for (int i = 0; i < 50; i++) {
                        j.publish(channel, "{\"phase\":\"Running\",\"message\":\"" + padding + published++ + "\"}");
                    }
                    Thread.sleep(20);
                }
            }
            assertThat(hub.openStreams()).as("the stream of a reader that reads nothing is closed").isZero();

            socket.setSoTimeout((int) WAIT.toMillis());
            String received = readAll(socket.getInputStream());
            assertThat(received).startsWith("HTTP/1.1 200");
            List<String> names = received.lines().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).trim()).toList();
            assertThat(names.get(names.size() - 1)).isEqualTo("error");
            assertThat(received).contains("\"code\":\"slow_reader\"").contains("did not read " + LimitsProfile.BUFFERED + " events");
            assertThat(names.size()).as("fewer events than published").isLessThan(published);
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.toString(StandardCharsets.UTF_8).contains("slow_reader")) {
                    // The server may keep the (chunked) connection open after the last event.
                    Thread.sleep(200);
                    if (in.available() == 0) {
                        break;
                    }
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // whatever arrived is checked by the caller
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
