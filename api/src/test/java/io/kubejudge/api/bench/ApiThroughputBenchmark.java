package io.kubejudge.api.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.api.support.Archive;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.testsupport.ProcessCpu;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Submit and status-read throughput of the API, medians of several rounds; run by
 * bench/api-throughput.sh (its tag keeps it out of the normal test run).
 *
 * <p>Two measures per phase: requests per second on the wall clock (the API, its load driver,
 * redis-server and the stand-in API server all share this machine's two cores, and whatever else
 * runs on it), and the API's CPU time per request: two cores divided by it is what the API alone
 * can serve. The API is this JVM; the load driver ({@link HttpLoadProcess}) and the stand-in API
 * server (fabric8's mock in CRUD mode) run in processes of their own, so that their CPU is
 * counted apart. CPU per request depends much less on the machine's load than requests per
 * second, but not entirely: on a busy machine every thread switch and cache miss costs more.
 * The JIT compilers' time is shown, not counted: warm-up rounds run until it settles.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(ApiThroughputBenchmark.Bench.class)
@WithTestResource(StandaloneMockApiServerResource.class)
@WithTestResource(RedisServerResource.class)
class ApiThroughputBenchmark {

    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final int SUBMITS = Integer.getInteger("bench.submits", 2000);
    static final int READS = Integer.getInteger("bench.reads", 20000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    static final int USERS = 500;
    static final int ARCHIVED = 2000;
    static final double CORES = 2;
    private static final HttpClient PLAIN_HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final int MAX_WARM_UP = Integer.getInteger("bench.max-warm-up", 25);

    /**
     * Production-like: quiet logs, the real submit rate limit (20 per minute per user); the read
     * limit is checked on every read but high enough that the load of a few users is not refused.
     */
    public static class Bench implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubejudge.api.rate-limit.submissions", "20",
                    "kubejudge.api.rate-limit.window", "60s",
                    "kubejudge.api.rate-limit.reads", "100000000",
                    "quarkus.log.category.\"io.kubejudge\".level", "WARN",
                    "quarkus.log.category.\"io.fabric8\".level", "WARN");
        }
    }

    @TestHTTPResource("/")
    URL base;

    private final String code = "#include <stdio.h>\nint main(){int a,b;scanf(\"%d %d\",&a,&b);printf(\"%d\\n\",a+b);return 0;}\n"
            + "// padding to a typical submission size\n".repeat(20);

    /** One round: requests/s, and CPU microseconds per request of each process (the API's also by part). */
    record Round(double perSecond, double apiMicros, Map<JvmCpu.Part, Double> apiParts, double kernelMicros,
                 double switches, double redisMicros, double mockMicros, double driverMicros) {
    }

    @Test
    void submitAndStatusReadThroughput() throws Exception {
        String[] tokens = new String[USERS];
        for (int u = 0; u < USERS; u++) {
            tokens[u] = Fixtures.token(Long.toString(userId(u)));
        }
        Meters cpu = new Meters(new JvmCpu(), RedisServerResource.pid(), StandaloneMockApiServerResource.pid);
        long[] nextSubmission = {5_000_000};
        List<Round> mockRounds = new ArrayList<>();
        List<Round> submitRounds = new ArrayList<>();
        List<Round> readRounds = new ArrayList<>();
        int submitWarmUp;
        int readWarmUp;
        try (KubernetesClient mock = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(StandaloneMockApiServerResource.url).withNamespace("test").withTrustCerts(true).build()).build();
             LoadDriver driver = new LoadDriver(base)) {
            // Warm-up rounds, not counted. The stand-in's own rounds come last: the fabric8 client code
            // they run in this JVM is the API's too, and would change what the JIT made of it.
            submitWarmUp = warmUp(() -> {
                Round r = submitRound(driver, cpu, tokens, nextSubmission, SUBMITS);
                reset(mock);
                return r;
            });
            for (int r = 0; r < ROUNDS; r++) {
                submitRounds.add(submitRound(driver, cpu, tokens, nextSubmission, SUBMITS));
                reset(mock);
            }
            archive();
            readWarmUp = warmUp(() -> readRound(driver, cpu, tokens, READS));
            for (int r = 0; r < ROUNDS; r++) {
                readRounds.add(readRound(driver, cpu, tokens, READS));
            }
            for (int r = 0; r < ROUNDS; r++) {
                mockRounds.add(mockCreateRound(mock, cpu, nextSubmission, SUBMITS));
                reset(mock);
            }
        }
        String report = String.format(Locale.ROOT, """
                api-throughput: submits: %s
                api-throughput: status reads (archive hits): %s
                api-throughput: for reference, the stand-in API server alone (fabric8 client, %d threads, no API): %s
                """,
                describe(submitRounds, SUBMITS, submitWarmUp), describe(readRounds, READS, readWarmUp), CONCURRENCY,
                describeMock(mockRounds));
        System.out.print(report);
        Path out = Path.of("target", "bench", "api-throughput.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static String describe(List<Round> rounds, int perRound, int warmUpRounds) {
        double api = median(rounds.stream().map(Round::apiMicros).toList());
        StringBuilder parts = new StringBuilder();
        for (JvmCpu.Part part : JvmCpu.Part.values()) {
            parts.append(parts.isEmpty() ? "" : ", ").append(part.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(String.format(Locale.ROOT, " %.0f", median(rounds.stream().map(r -> r.apiParts().getOrDefault(part, 0.0)).toList())));
        }
        return String.format(Locale.ROOT, "median %.0f/s on the wall clock (rounds %s, %d requests each, %d in flight,"
                        + " after %d warm-up rounds); API CPU %.0f us per request (median; JIT excluded), so %.0f/s on %.0f cores"
                        + " for the API alone [by thread, us: %s; in the kernel %.0f us; %.1f thread switches];"
                        + " redis-server %.0f us, stand-in API server %.0f us, load driver %.0f us per request",
                median(rounds.stream().map(Round::perSecond).toList()), rounded(rounds), perRound, CONCURRENCY, warmUpRounds,
                api, CORES * 1e6 / api, CORES, parts, median(rounds.stream().map(Round::kernelMicros).toList()),
                median(rounds.stream().map(Round::switches).toList()),
                median(rounds.stream().map(Round::redisMicros).toList()), median(rounds.stream().map(Round::mockMicros).toList()),
                median(rounds.stream().map(Round::driverMicros).toList()));
    }

    private static String describeMock(List<Round> rounds) {
        return String.format(Locale.ROOT, "median %.0f creates/s (rounds %s), %.0f us of its CPU per create",
                median(rounds.stream().map(Round::perSecond).toList()), rounded(rounds),
                median(rounds.stream().map(Round::mockMicros).toList()));
    }

    private static long userId(int u) {
        return 900_000 + u;
    }

    /** The API's JVM (this one), redis-server and the stand-in API server. */
    record Meters(JvmCpu api, long redisPid, long mockPid) {
    }

    private Round measure(Meters cpu, int requests, ThrowingSupplier<LoadDriver.Result> load) throws Exception {
        long redisBefore = ProcessCpu.nanos(cpu.redisPid());
        long mockBefore = ProcessCpu.nanos(cpu.mockPid());
        JvmCpu.Sample apiBefore = cpu.api().sample();
        LoadDriver.Result result = load.get();
        JvmCpu.Used api = JvmCpu.between(apiBefore, cpu.api().sample());
        double redis = (ProcessCpu.nanos(cpu.redisPid()) - redisBefore) / 1e3 / requests;
        double mock = (ProcessCpu.nanos(cpu.mockPid()) - mockBefore) / 1e3 / requests;
        Map<JvmCpu.Part, Double> parts = new EnumMap<>(JvmCpu.Part.class);
        api.parts().forEach((part, nanos) -> parts.put(part, nanos / 1e3 / requests));
        return new Round(result.perSecond(), api.apiNanos() / 1e3 / requests, parts, api.kernelNanos() / 1e3 / requests,
                (double) api.switches() / requests, redis, mock,
                result.driverCpuNanos() / 1e3 / requests);
    }

    /**
     * Runs rounds until the JIT compilers' share of the API's CPU falls under a tenth (at most
     * {@link #MAX_WARM_UP} rounds): on a busy machine C2 lags far behind, and until it caught up the
     * API runs partly interpreted. Returns the number of rounds it took.
     */
    private static int warmUp(ThrowingSupplier<Round> round) throws Exception {
        for (int n = 1; ; n++) {
            Round r = round.get();
            double jit = r.apiParts().getOrDefault(JvmCpu.Part.JIT, 0.0);
            if (jit < 0.1 * (r.apiMicros() + jit) || n >= MAX_WARM_UP) {
                return n;
            }
        }
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private Round submitRound(LoadDriver driver, Meters cpu, String[] tokens, long[] nextSubmission, int count) throws Exception {
        long first = nextSubmission[0];
        nextSubmission[0] += count;
        String codeJson = jsonString(code);
        LoadDriver.Prepared requests = driver.prepare(count, i -> {
            int u = i % tokens.length;
            String body = "{\"submission_id\":" + (first + i) + ",\"problem_id\":1,\"user_id\":" + userId(u)
                    + ",\"language\":\"c\",\"code\":" + codeJson + "}";
            return new LoadDriver.Request("POST", "/api/v1/judge/submit", tokens[u], body);
        });
        return measure(cpu, count, () -> {
            LoadDriver.Result result = driver.run(requests, CONCURRENCY);
            assertThat(result.statuses()).as("every submit accepted").containsOnlyKeys(202);
            return result;
        });
    }

    private Round readRound(LoadDriver driver, Meters cpu, String[] tokens, int count) throws Exception {
        LoadDriver.Prepared requests = driver.prepare(count, i -> {
            int n = i % ARCHIVED;
            return new LoadDriver.Request("GET", "/api/v1/judge/submissions/" + archivedId(n), tokens[n % tokens.length], null);
        });
        return measure(cpu, count, () -> {
            LoadDriver.Result result = driver.run(requests, CONCURRENCY);
            assertThat(result.statuses()).as("every read answered from the archive").containsOnlyKeys(200);
            return result;
        });
    }

    /** What the stand-in takes without the API in front of it. */
    private Round mockCreateRound(KubernetesClient mock, Meters cpu, long[] nextSubmission, int count) throws Exception {
        long first = nextSubmission[0];
        nextSubmission[0] += count;
        return measure(cpu, count, () -> {
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY, r -> new Thread(r, "bench-mock-client"));
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < CONCURRENCY; t++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        mock.resources(JudgeSubmission.class).resource(Fixtures.submissionObject(first + i, userId(i % USERS), code)).create();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            long nanos = System.nanoTime() - start;
            pool.shutdown();
            return new LoadDriver.Result(count, nanos, 0, Map.of(201, count));
        });
    }

    /** Empties the stand-in (its cost grows with what it stores) and the rate-limit windows between rounds. */
    private void reset(KubernetesClient mock) throws Exception {
        // A plain DELETE of the collection, its answer (every object) discarded: unmarshalling
        // it with fabric8 here would run, and make the JIT recompile, code the API runs too.
        HttpResponse<Void> deleted = PLAIN_HTTP.send(HttpRequest.newBuilder(URI.create(StandaloneMockApiServerResource.url
                + "/apis/kubejudge.io/v1alpha1/namespaces/test/judgesubmissions")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(deleted.statusCode()).as("stand-in emptied").isEqualTo(200);
        try (Jedis j = Archive.redis()) {
            for (String key : j.keys(RedisKeys.rateLimitPattern())) {
                j.del(key);
            }
        }
    }

    private static long archivedId(int n) {
        return 8_000_000 + n;
    }

    /** Archived submissions as the operator leaves them: the resource gone, the JSON in Redis. */
    private void archive() {
        try (Jedis j = Archive.redis(); Pipeline p = j.pipelined()) {
            for (int n = 0; n < ARCHIVED; n++) {
                JudgeSubmission s = Fixtures.submissionObject(archivedId(n), userId(n % USERS), code);
                JudgeSubmissionStatus st = new JudgeSubmissionStatus();
                st.setPhase(JudgeSubmissionStatus.Phase.COMPLETED);
                st.setVerdict(Verdict.ACCEPTED);
                st.setScore(100.0);
                st.setMaxScore(100.0);
                st.setTimeMs(12L);
                st.setMemoryKiB(1800L);
                List<TestResult> tests = new ArrayList<>();
                for (int t = 1; t <= 10; t++) {
                    tests.add(new TestResult("t" + t, Verdict.ACCEPTED, 3L, 1800L, 0, null, 10.0, null));
                }
                st.setTests(tests);
                s.setStatus(st);
                p.setex(RedisKeys.archive("test", s.getMetadata().getName()), 3600, Archive.operatorJson(s));
            }
            p.sync();
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

    private static String rounded(List<Round> rounds) {
        return rounds.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.perSecond())).toList().toString();
    }
}
