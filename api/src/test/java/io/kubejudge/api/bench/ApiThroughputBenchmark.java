package io.kubejudge.api.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.result.Verdict;
import io.kubejudge.api.support.Archive;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.kubejudge.api.v1alpha1.JudgeSubmission;
import io.kubejudge.api.v1alpha1.JudgeSubmissionStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.http.HttpMethod;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Submit and status-read throughput of the API on this machine, medians of several rounds.
 * Run by bench/api-throughput.sh (excluded from the normal test run by its tag). The API, the
 * mock Kubernetes API server, redis-server and the load driver share the machine's cores, so the
 * figures are a lower bound for the API alone.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(ApiThroughputBenchmark.Bench.class)
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class ApiThroughputBenchmark {

    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final int SUBMITS = Integer.getInteger("bench.submits", 2000);
    static final int READS = Integer.getInteger("bench.reads", 20000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    static final int USERS = 500;
    static final int ARCHIVED = 2000;

    /** Production-like: quiet logs, the real rate limit (20 per minute per user). */
    public static class Bench implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubejudge.api.rate-limit.submissions", "20",
                    "kubejudge.api.rate-limit.window", "60s",
                    "quarkus.log.category.\"io.kubejudge\".level", "WARN",
                    "quarkus.log.category.\"io.fabric8\".level", "WARN",
                    "quarkus.http.access-log.enabled", "false");
        }
    }

    @jakarta.inject.Inject
    KubernetesClient client;

    @TestHTTPResource("/")
    URL base;

    private final String code = "#include <stdio.h>\n" + "int main(){int a,b;scanf(\"%d %d\",&a,&b);printf(\"%d\\n\",a+b);return 0;}\n"
            + "// padding to a typical submission size\n".repeat(20);

    @Test
    void submitAndStatusReadThroughput() throws Exception {
        Fixtures.ensureCatalog(client);
        String[] tokens = new String[USERS];
        for (int u = 0; u < USERS; u++) {
            tokens[u] = Fixtures.token(Long.toString(userId(u)));
        }
        long[] nextSubmission = {5_000_000};
        List<Double> submitRates = new ArrayList<>();
        List<Double> readRates = new ArrayList<>();
        List<Double> mockRates = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            mockRates.add(mockCreateRound(nextSubmission, SUBMITS));
        }
        try (LoadDriver driver = new LoadDriver(base.getHost(), base.getPort(), CONCURRENCY)) {
            // Warm-up: JIT, connection pools, informer caches.
            submitRound(driver, tokens, nextSubmission, SUBMITS / 2);
            clearRateLimits();

            for (int r = 0; r < ROUNDS; r++) {
                submitRates.add(submitRound(driver, tokens, nextSubmission, SUBMITS));
                clearRateLimits();
            }

            archive(tokens.length);
            readRound(driver, tokens, READS / 4);
            for (int r = 0; r < ROUNDS; r++) {
                readRates.add(readRound(driver, tokens, READS));
            }
        }
        double submitMedian = median(submitRates);
        double readMedian = median(readRates);
        String report = String.format(Locale.ROOT, """
                api-throughput: the mock API server alone creates/s median %.0f (rounds %s, fabric8 client, %d threads)
                api-throughput: submits/s median %.0f (rounds %s; %d submits per round, %d in flight)
                api-throughput: status reads/s (archive hits) median %.0f (rounds %s; %d reads per round, %d in flight)
                """, median(mockRates), rounded(mockRates), CONCURRENCY, submitMedian, rounded(submitRates), SUBMITS, CONCURRENCY, readMedian, rounded(readRates), READS, CONCURRENCY);
        System.out.print(report);
        Path out = Path.of("target", "bench", "api-throughput.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** What the stand-in API server can take without the API in front: the bound on submits/s here. */
    private double mockCreateRound(long[] nextSubmission, int count) throws Exception {
        long first = nextSubmission[0];
        nextSubmission[0] += count;
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(CONCURRENCY);
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int t = 0; t < CONCURRENCY; t++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    client.resources(JudgeSubmission.class)
                            .resource(Fixtures.submissionObject(first + i, userId(i % USERS), code)).create();
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : running) {
            f.get();
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        return count / (nanos / 1e9);
    }

    private static long userId(int u) {
        return 900_000 + u;
    }

    private double submitRound(LoadDriver driver, String[] tokens, long[] nextSubmission, int count) throws Exception {
        long first = nextSubmission[0];
        nextSubmission[0] += count;
        LoadDriver.Result result = driver.run(count, CONCURRENCY, i -> {
            int u = i % tokens.length;
            String body = "{\"submission_id\":" + (first + i) + ",\"problem_id\":1,\"user_id\":" + userId(u)
                    + ",\"language\":\"c\",\"code\":" + jsonString(code) + "}";
            return new LoadDriver.Request(HttpMethod.POST, "/api/v1/judge/submit", tokens[u], body);
        });
        assertThat(result.statuses()).as("every submit accepted").containsOnlyKeys(202);
        return result.perSecond();
    }

    private double readRound(LoadDriver driver, String[] tokens, int count) throws Exception {
        LoadDriver.Result result = driver.run(count, CONCURRENCY, i -> {
            int n = i % ARCHIVED;
            return new LoadDriver.Request(HttpMethod.GET, "/api/v1/judge/submissions/" + archivedId(n),
                    tokens[n % tokens.length], null);
        });
        assertThat(result.statuses()).as("every read answered from the archive").containsOnlyKeys(200);
        return result.perSecond();
    }

    private static long archivedId(int n) {
        return 8_000_000 + n;
    }

    /** Archived submissions as the operator leaves them: the resource gone, the JSON in Redis. */
    private void archive(int users) {
        try (Jedis j = Archive.redis(); Pipeline p = j.pipelined()) {
            for (int n = 0; n < ARCHIVED; n++) {
                JudgeSubmission s = Fixtures.submissionObject(archivedId(n), userId(n % users), code);
                JudgeSubmissionStatus st = new JudgeSubmissionStatus();
                st.setPhase(JudgeSubmissionStatus.Phase.COMPLETED);
                st.setVerdict(Verdict.ACCEPTED);
                st.setScore(100.0);
                st.setMaxScore(100.0);
                st.setTimeMs(12L);
                st.setMemoryKiB(1800L);
                List<io.kubejudge.api.result.TestResult> tests = new ArrayList<>();
                for (int t = 1; t <= 10; t++) {
                    tests.add(new io.kubejudge.api.result.TestResult("t" + t, Verdict.ACCEPTED, 3L, 1800L, 0, null, 10.0, null));
                }
                st.setTests(tests);
                s.setStatus(st);
                p.setex(io.kubejudge.api.redis.RedisKeys.archive(client.getNamespace(), s.getMetadata().getName()), 3600,
                        Archive.operatorJson(s));
            }
            p.sync();
        }
    }

    private void clearRateLimits() {
        try (Jedis j = Archive.redis()) {
            for (String key : j.keys("kubejudge:ratelimit:*")) {
                j.del(key);
            }
        }
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }
}
