package io.kubejudge.operator.archive;

import static io.kubejudge.operator.MockCluster.terminated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.MockCluster;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testsupport.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Queue index, live events, retention and archive against a real redis-server, including it going down. */
class RetentionAndRedisTest {
    static final String CHECK = "{\"step\":\"check\",\"verdict\":\"Accepted\",\"score\":2,\"maxScore\":2,\"tests\":[]}";
    static final ObjectMapper JSON = new ObjectMapper();

    MockCluster cluster;
    KubernetesClient client;
    RedisServer redis;
    JedisPooled jedis;
    KubeJudgeOperator operator;

    @BeforeEach
    void start() {
        redis = new RedisServer();
        jedis = redis.client();
        cluster = new MockCluster();
        client = cluster.client();
        client.resource(Fixtures.problem("aplusb", 2)).create();
        client.resource(Fixtures.pool("default", 1)).create();
    }

    void startOperator(Duration retention) {
        operator = KubeJudgeOperator.start(client, OperatorSettings.builder().namespaces(Set.of(Fixtures.NS))
                .redis("127.0.0.1", redis.port()).retention(retention).archiveTtl(Duration.ofHours(2)).build());
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.stop();
        }
        cluster.close();
        jedis.close();
        redis.close();
    }

    JudgeSubmission get(String name) {
        return client.resources(JudgeSubmission.class).inNamespace(Fixtures.NS).withName(name).get();
    }

    void submit(String name, String user) {
        JudgeSubmission s = Fixtures.submission(name);
        s.getSpec().setUserId(user);
        s.getSpec().setSubmissionId("id-" + name);
        s.getMetadata().setUid(null);
        client.resource(s).create();
    }

    Job awaitJob(String name) {
        return await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName(name).get(), j -> j != null);
    }

    void finish(Job job, String suffix) {
        cluster.runPod(job, suffix, List.of(terminated("compile", 0, "{\"step\":\"compile\"}"), terminated("run", 0, "{\"step\":\"run\"}")),
                List.of(terminated("check", 0, CHECK)), "Succeeded", List.of());
    }

    @Test
    void queuePositionsAreLiveInRedisAndEventsAreLogged() {
        startOperator(Duration.ofHours(1));
        submit("s1", "a");
        Job first = awaitJob("s1-1");
        String key = RedisKeys.queue(Fixtures.NS, "default");
        // One at a time: reconcilers run in parallel, and the queue's age order is the order of arrival
        submit("s2", "a");
        await().until(() -> jedis.zcard(key) == 1);
        submit("s3", "a");
        await().until(() -> jedis.zcard(key) == 2);
        submit("s4", "b");
        await().until(() -> jedis.zcard(key) == 3);
        // b's first submission goes before a's second and third: fairness, visible in the live ranks
        assertThat(jedis.zrank(key, "s4")).isZero();
        assertThat(jedis.zrange(key, 0, -1)).containsExactly("s4", "s2", "s3");
        assertThat(jedis.zrank(key, "s1")).as("admitted: no longer waiting").isNull();

        finish(first, "done1");
        await().until(() -> jedis.zcard(key) == 2 && jedis.zrank(key, "s4") == null);

        await().until(() -> jedis.lrange(RedisKeys.eventLog(Fixtures.NS, "s1"), 0, -1).stream()
                .anyMatch(e -> e.contains("\"phase\":\"Completed\"")));
        List<JsonNode> events = jedis.lrange(RedisKeys.eventLog(Fixtures.NS, "s1"), 0, -1).stream().map(this::parse).toList();
        assertThat(events).extracting(e -> e.path("phase").asText()).containsSubsequence("Running", "Completed");
        assertThat(jedis.lrange(RedisKeys.eventLog(Fixtures.NS, "s2"), 0, 0)).singleElement().asString()
                .contains("\"phase\":\"Queued\"").contains("\"queuePosition\":1");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("verdict").asText()).isEqualTo("Accepted");
        assertThat(last.path("terminal").asBoolean()).isTrue();
        assertThat(last.path("submissionId").asText()).isEqualTo("id-s1");
        assertThat(jedis.ttl(RedisKeys.eventLog(Fixtures.NS, "s1"))).isBetween(3000L, 7200L);
    }

    @Test
    void finishedSubmissionIsArchivedThenDeleted() {
        startOperator(Duration.ofSeconds(1));
        submit("s1", "a");
        finish(awaitJob("s1-1"), "done1");
        await().until(() -> get("s1") == null);
        String archived = jedis.get(RedisKeys.archive(Fixtures.NS, "s1"));
        assertThat(archived).isNotNull();
        JsonNode record = parse(archived);
        assertThat(record.path("status").path("verdict").asText()).isEqualTo("Accepted");
        assertThat(record.path("status").path("phase").asText()).isEqualTo("Completed");
        assertThat(record.path("spec").path("problem").asText()).isEqualTo("aplusb");
        assertThat(record.path("metadata").path("name").asText()).isEqualTo("s1");
        assertThat(jedis.ttl(RedisKeys.archive(Fixtures.NS, "s1"))).isBetween(7000L, 7200L);
        assertThat(jedis.get(RedisKeys.submissionId(Fixtures.NS, "id-s1"))).isEqualTo("s1");
    }

    @Test
    void deletingAnUnfinishedSubmissionArchivesItAsCancelled() {
        startOperator(Duration.ofHours(1));
        submit("s1", "a");
        awaitJob("s1-1");
        client.resource(get("s1")).delete();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> get("s1") == null);
        } catch (RuntimeException e) {
            System.err.println("DEBUG-LEFT " + client.getKubernetesSerialization().asYaml(get("s1")));
            throw e;
        }
        JsonNode record = parse(jedis.get(RedisKeys.archive(Fixtures.NS, "s1")));
        assertThat(record.path("status").path("phase").asText()).isEqualTo("Cancelled");
        assertThat(record.path("status").path("message").asText()).isEqualTo("cancelled by deleting the resource");
        await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get() == null);
    }

    @Test
    void redisDownNeverStopsJudgingAndEverythingCatchesUp() {
        startOperator(Duration.ofSeconds(1));
        redis.stop();
        submit("s1", "a");
        Job job = awaitJob("s1-1");
        submit("s2", "b");
        finish(job, "done1");
        await().until(() -> get("s1").getStatus().getPhase() == Phase.COMPLETED);
        Job second = awaitJob("s2-1");
        // retention is due but the archive cannot be written: the resource must stay
        sleep(3000);
        assertThat(get("s1")).isNotNull();

        redis.restart();
        await().until(() -> get("s1") == null);
        assertThat(parse(jedis.get(RedisKeys.archive(Fixtures.NS, "s1"))).path("status").path("verdict").asText()).isEqualTo("Accepted");
        await().until(() -> jedis.lrange(RedisKeys.eventLog(Fixtures.NS, "s2"), 0, -1).stream()
                .anyMatch(e -> e.contains("\"phase\":\"Running\"")));
        finish(second, "done2");
        await().until(() -> get("s2") == null);
        assertThat(jedis.exists(RedisKeys.archive(Fixtures.NS, "s2"))).isTrue();
    }

    @Test
    void restartedOperatorRewritesAStaleQueueIndex() {
        String key = RedisKeys.queue(Fixtures.NS, "default");
        jedis.zadd(key, 1, "ghost-of-a-previous-run");
        startOperator(Duration.ofHours(1));
        submit("s1", "a");
        awaitJob("s1-1");
        submit("s2", "a");
        await().until(() -> jedis.zrange(key, 0, -1).equals(List.of("s2")));
    }

    private JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
