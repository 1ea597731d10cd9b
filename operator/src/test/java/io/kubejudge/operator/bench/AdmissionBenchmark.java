package io.kubejudge.operator.bench;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testsupport.ProcessCpu;
import io.kubejudge.testsupport.RedisServer;
import io.kubejudge.testsupport.StandaloneMockApiServer;
import io.kubejudge.testsupport.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The operator's admission benchmark (bench/operator-admission.sh). Four processes: this one (the
 * load driver), the operator alone in a JVM of its own ({@link OperatorProcess}), fabric8's mock API
 * server in CRUD mode in another ({@code io.kubejudge.testsupport.StandaloneMockApiServer}) and a
 * real redis-server. Each round gets a fresh API server, so every round starts from the same state.
 * <ol>
 *   <li>throughput: N submissions queued while the operator is stopped (the API server's create
 *       rate with few and with N objects is printed), a pool large enough for all; start the
 *       operator and count Jobs until all N have one: Jobs/s on the wall clock, the operator's CPU
 *       per admission (its JVM's CPU less the JIT compiler's, per Job) and what two cores would
 *       admit at that cost, the API requests it sent per admission, the API server's and Redis'
 *       CPU per admission; the operator's heap after full GCs with the N submissions live, less
 *       the same before it started;</li>
 *   <li>latency: submissions created at R per second against a running operator; time from the
 *       create call to the Job's ADDED event at the driver (median, p99).</li>
 * </ol>
 * Wall-clock rates are bounded by the stand-in API server (it scans all its objects on every
 * request) and by everything else on the machine; CPU per admission is not.
 * Arguments: {@code [submissions=10000] [rate=100] [latencySeconds=20] [rounds=3] [maxMinutes=20]
 * [warmUp=min(submissions, 2000)]}; a warm-up round of {@code warmUp} submissions comes first, not counted.
 * System properties: {@code bench.redis} (default true), {@code bench.reconcileThreads} (the operator's default),
 * {@code bench.operatorJvmArgs} and {@code bench.mockJvmArgs} (extra JVM options, e.g. a JFR recording),
 * {@code bench.histogram} (print that many lines of the operator's class histogram with the heap figure),
 * {@code bench.verbose} (print the operator's reconciliation and event counters per round).
 */
public final class AdmissionBenchmark {
    static final String P = "operator-admission: ";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int latencySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int maxMinutes = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int warmUp = args.length > 5 ? Integer.parseInt(args[5]) : Math.min(n, 2000);
        // The mock API server cannot take 100 submissions/s (about 6 requests each): latency is also
        // measured at a rate it can take, where the figure says something about the operator.
        int sustainable = Integer.getInteger("bench.sustainableRate", 20);
        List<Integer> latencyRates = rate <= 0 ? List.of() : rate <= sustainable ? List.of(rate) : List.of(rate, sustainable);
        boolean useRedis = Boolean.parseBoolean(System.getProperty("bench.redis", "true"));
        int threads = Integer.getInteger("bench.reconcileThreads", OperatorSettings.builder().build().reconcileThreads());
        String operatorJvmArgs = System.getProperty("bench.operatorJvmArgs", "");

        List<ThroughputRound> throughput = new ArrayList<>();
        List<LatencyRound> latency = new ArrayList<>();
        try (RedisServer redis = useRedis ? new RedisServer() : null;
             OperatorChild operator = new OperatorChild(operatorJvmArgs + " -Xmx1g")) {
            long baseline = operator.heap();
            System.out.printf("%soperator JVM before any start: %d MiB used after GC%n", P, baseline >> 20);
            if (warmUp > 0) {
                // The JIT compiles the admission path in the first thousands of admissions: not counted.
                ThroughputRound w = throughputRound(0, warmUp, maxMinutes, operator, redis, threads, baseline);
                System.out.println(P + "warm-up, not counted: " + w);
            }
            for (int r = 1; r <= rounds; r++) {
                if (redis != null) {
                    try (var j = redis.client()) {
                        j.flushAll();
                    }
                }
                ThroughputRound t = throughputRound(r, n, maxMinutes, operator, redis, threads, baseline);
                throughput.add(t);
                System.out.println(P + t);
            }
            for (int latencyRate : latencyRates) {
                for (int r = 1; r <= rounds; r++) {
                    if (redis != null) {
                        try (var j = redis.client()) {
                            j.flushAll();
                        }
                    }
                    LatencyRound l = latencyRound(r, latencyRate, latencySeconds, operator, redis, threads);
                    latency.add(l);
                    System.out.println(P + l);
                }
            }
        }

        System.out.println();
        System.out.printf("%s== medians over %d rounds (operator, mock API server and %s in processes of their own) ==%n",
                P, rounds, useRedis ? "redis-server" : "no Redis");
        System.out.printf("%smock API server capacity: %.0f creates/s with < 500 objects, %.0f creates/s at %d objects; %.2f ms CPU per create%n",
                P, median(throughput, t -> t.fill.earlyRate), median(throughput, t -> t.fill.lateRate), n,
                median(throughput, t -> t.fill.mockCpuMsPerCreate));
        System.out.printf("%sthroughput (%d queued, pool large enough): %.0f Jobs/s wall clock (steady 10-90%%: %.0f/s), bounded by the mock%n",
                P, n, median(throughput, t -> t.jobsPerSecond), median(throughput, t -> t.steadyJobsPerSecond));
        System.out.printf("%soperator CPU per admission: %.3f ms all-in (start-up, informer sync, async Events and Redis included), "
                        + "%.3f ms steady (10-90%%) -> %.0f admissions/s on 2 cores (all-in: %.0f/s)%n",
                P, median(throughput, t -> t.cpuMsPerAdmission), median(throughput, t -> t.steadyCpuMsPerAdmission),
                2000 / median(throughput, t -> t.steadyCpuMsPerAdmission), 2000 / median(throughput, t -> t.cpuMsPerAdmission));
        System.out.printf("%sAPI writes per admission: %.2f (POST, PUT, PATCH, DELETE)%n", P,
                median(throughput, t -> t.writesPerAdmission));
        System.out.printf("%sAPI requests per admission: %.2f (%s); mock API server CPU %.2f ms per admission = %.2f ms per request; redis-server %.3f ms per admission%n",
                P, median(throughput, t -> t.requestsPerAdmission), throughput.get(throughput.size() - 1).requests,
                median(throughput, t -> t.mockCpuMsPerAdmission),
                median(throughput, t -> t.mockCpuMsPerAdmission / t.requestsPerAdmission),
                median(throughput, t -> t.redisCpuMsPerAdmission));
        System.out.printf("%soperator heap with %d live submissions: %.0f MiB used after GC, %.0f MiB more than before it started%n",
                P, n, median(throughput, t -> t.heapWithMiB), median(throughput, t -> t.heapDeltaMiB));
        for (int latencyRate : latencyRates) {
            List<LatencyRound> at = latency.stream().filter(l -> l.rate == latencyRate).toList();
            LatencyRound m = new LatencyRound();
            for (int i = 0; i < LatencyRound.SEGMENTS.length; i++) {
                int segment = i;
                m.segmentMedians[i] = median(at, l -> l.segmentMedians[segment]);
                m.segmentP99s[i] = median(at, l -> l.segmentP99s[segment]);
            }
            System.out.printf("%slatency at %d submissions/s for %d s: creation to Job median %.1f ms, p99 %.1f ms (%s got a Job); "
                            + "operator CPU %.3f ms per admission; %.2f API writes per admission; %s%n",
                    P, latencyRate, latencySeconds, median(at, l -> l.median), median(at, l -> l.p99),
                    at.stream().map(l -> l.got + "/" + l.total).toList(), median(at, l -> l.cpuMsPerAdmission),
                    median(at, l -> l.writesPerAdmission), m.segments());
        }
        System.out.printf("%stargets: >= 500 admissions/s, p99 < 100 ms at 100 submissions/s, heap < 256 MiB; "
                + "<= 3 API writes per admission, p99 < 60 ms at 20 submissions/s%n", P);
        System.exit(0);
    }

    // ---------------------------------------------------------------------------------------------

    static final class Fill {
        double earlyRate;
        double lateRate;
        double mockCpuMsPerCreate;
    }

    static final class ThroughputRound {
        int round;
        int n;
        int admitted;
        double seconds;
        double jobsPerSecond;
        double steadyJobsPerSecond;
        double cpuMsPerAdmission;
        double steadyCpuMsPerAdmission;
        double mockCpuMsPerAdmission;
        double redisCpuMsPerAdmission;
        double requestsPerAdmission;
        double writesPerAdmission;
        String requests;
        double heapWithMiB;
        double heapDeltaMiB;
        double heapRoundDeltaMiB;
        double heapAfterStopMiB;
        double jitSeconds;
        double gcShare;
        Fill fill;

        @Override
        public String toString() {
            return String.format("round %d throughput: %d queued -> %d Jobs in %.1f s = %.0f Jobs/s (steady %.0f/s); "
                            + "operator CPU %.3f ms/admission all-in, %.3f steady -> %.0f/s on 2 cores (GC %.0f%%; JIT %.1f s not counted); "
                            + "%.2f writes and %.2f requests/admission; mock %.2f ms CPU/admission; redis %.3f ms; "
                            + "heap %.0f MiB (+%.0f vs before any start, +%.0f vs this start, +%.0f left after stop); "
                            + "mock creates/s %.0f early, %.0f late, %.2f ms CPU each",
                    round, n, admitted, seconds, jobsPerSecond, steadyJobsPerSecond, cpuMsPerAdmission, steadyCpuMsPerAdmission,
                    2000 / steadyCpuMsPerAdmission, 100 * gcShare, jitSeconds, writesPerAdmission, requestsPerAdmission, mockCpuMsPerAdmission,
                    redisCpuMsPerAdmission, heapWithMiB, heapDeltaMiB, heapRoundDeltaMiB, heapAfterStopMiB, fill.earlyRate, fill.lateRate,
                    fill.mockCpuMsPerCreate);
        }
    }

    static final class LatencyRound {
        int round;
        int rate;
        int total;
        int got;
        double median;
        double p99;
        double max;
        double cpuMsPerAdmission;
        double writesPerAdmission;
        String requests;
        /**
         * The path from the create call to the Job, from the driver's and the operator's request
         * times (one clock): what the API server and what the operator spent.
         */
        static final String[] SEGMENTS = {
            "create and watch event to the operator's ConfigMap request (API server, operator)",
            "ConfigMap request (API server)",
            "operator: Job built",
            "Job request (API server)",
            "Job's watch event to the driver (API server)"};
        final double[] segmentMedians = new double[SEGMENTS.length];
        final double[] segmentP99s = new double[SEGMENTS.length];

        @Override
        public String toString() {
            return String.format("round %d latency at %d/s: %d of %d got a Job; creation to Job median %.1f ms, p99 %.1f ms, max %.1f ms; "
                    + "operator CPU %.3f ms/admission; %.2f API writes/admission (%s); %s", round, rate, got, total, median, p99, max,
                    cpuMsPerAdmission, writesPerAdmission, requests, segments());
        }

        String segments() {
            StringBuilder b = new StringBuilder("median (p99) ms of each step:");
            for (int i = 0; i < SEGMENTS.length; i++) {
                b.append(String.format(" %s %.1f (%.1f)%s", SEGMENTS[i], segmentMedians[i], segmentP99s[i],
                        i + 1 < SEGMENTS.length ? ";" : ""));
            }
            return b.toString();
        }
    }

    private static ThroughputRound throughputRound(int round, int n, int maxMinutes, OperatorChild operator, RedisServer redis,
                                                   int threads, long baseline) throws Exception {
        ThroughputRound t = new ThroughputRound();
        t.round = round;
        t.n = n;
        try (StandaloneMockApiServer.Running mock = startMock();
             KubernetesClient client = driverClient(mock.url())) {
            catalog(client);
            t.fill = createQueued(client, mock, "q", n);
            JobWatch jobs = new JobWatch(client);
            long heapBefore = operator.heap();
            long[] cpu0 = operator.cpu();
            long mock0 = ProcessCpu.nanos(mock.pid());
            long redis0 = redis == null ? 0 : redisCpu(redis);
            long start = System.nanoTime();
            operator.start(mock.url(), redis, threads);
            long[] cpuAt10 = null;
            long[] cpuAt90 = null;
            long cap = start + TimeUnit.MINUTES.toNanos(maxMinutes);
            while (jobs.count() < n && System.nanoTime() < cap) {
                if (cpuAt10 == null && jobs.count() >= n / 10) {
                    cpuAt10 = operator.cpu();
                }
                if (cpuAt90 == null && jobs.count() >= n * 9 / 10) {
                    cpuAt90 = operator.cpu();
                }
                Thread.sleep(20);
            }
            List<Long> seen = jobs.times("q");
            t.admitted = seen.size();
            t.seconds = ((seen.isEmpty() ? System.nanoTime() : seen.get(seen.size() - 1)) - start) / 1e9;
            t.jobsPerSecond = t.admitted / t.seconds;
            if (t.admitted >= 10 && cpuAt10 != null && cpuAt90 != null) {
                int from = n / 10 - 1;
                int to = n * 9 / 10 - 1;
                t.steadyJobsPerSecond = (to - from) / ((seen.get(to) - seen.get(from)) / 1e9);
                t.steadyCpuMsPerAdmission = operatorCpu(cpuAt90, cpuAt10) / 1e6 / (to - from);
            }
            // The Events and Redis writes of the last admissions are sent from queues of their own.
            operator.awaitEvents(t.admitted, TimeUnit.MINUTES.toMillis(maxMinutes));
            Thread.sleep(1000);
            long[] cpu1 = operator.cpu();
            t.jitSeconds = (cpu1[1] - cpu0[1]) / 1e9;
            t.gcShare = (double) (cpu1[2] - cpu0[2]) / Math.max(1, operatorCpu(cpu1, cpu0));
            t.cpuMsPerAdmission = operatorCpu(cpu1, cpu0) / 1e6 / Math.max(1, t.admitted);
            t.mockCpuMsPerAdmission = (ProcessCpu.nanos(mock.pid()) - mock0) / 1e6 / Math.max(1, t.admitted);
            t.redisCpuMsPerAdmission = redis == null ? 0 : (redisCpu(redis) - redis0) / 1e6 / Math.max(1, t.admitted);
            t.requests = operator.command("requests").substring("REQUESTS ".length());
            if (Boolean.getBoolean("bench.verbose")) {
                System.out.println(P + "round " + round + " operator counters: " + operator.command("metrics").substring("METRICS ".length()));
            }
            t.requestsPerAdmission = writesAndReads(t.requests) / Math.max(1.0, t.admitted);
            t.writesPerAdmission = writes(t.requests) / Math.max(1.0, t.admitted);
            long heapWith = operator.heap();
            operator.printHistogram(Integer.getInteger("bench.histogram", 0));
            t.heapWithMiB = heapWith / 1048576.0;
            t.heapDeltaMiB = (heapWith - baseline) / 1048576.0;
            t.heapRoundDeltaMiB = (heapWith - heapBefore) / 1048576.0;
            operator.command("stop");
            t.heapAfterStopMiB = (operator.heap() - baseline) / 1048576.0;
            if (Boolean.getBoolean("bench.histogramAfterStop")) {
                operator.printHistogram(Integer.getInteger("bench.histogram", 25));
            }
            jobs.close();
        }
        return t;
    }

    private static LatencyRound latencyRound(int round, int rate, int seconds, OperatorChild operator, RedisServer redis,
                                             int threads) throws Exception {
        LatencyRound l = new LatencyRound();
        l.round = round;
        l.rate = rate;
        l.total = rate * seconds;
        try (StandaloneMockApiServer.Running mock = startMock();
             KubernetesClient client = driverClient(mock.url())) {
            catalog(client);
            JobWatch jobs = new JobWatch(client);
            operator.start(mock.url(), redis, threads);
            // A fresh API server and operator start cold (the mock's JIT, informer caches, connection
            // pools): the first seconds at the same rate are a warm-up, not counted, as a long-running
            // API server and operator are warm.
            int warm = rate * LATENCY_WARM_UP_SECONDS;
            createAtRate(client, "w", warm, rate, new ConcurrentHashMap<>());
            awaitJobs(jobs, warm);
            operator.awaitEvents(jobs.count(), TimeUnit.MINUTES.toMillis(2));
            String requests0 = operator.command("requests").substring("REQUESTS ".length());
            long[] cpu0 = operator.cpu();
            Map<String, Long> createdAt = new ConcurrentHashMap<>();
            createAtRate(client, "l", l.total, rate, createdAt);
            awaitJobs(jobs, warm + l.total);
            operator.awaitEvents(jobs.count(), TimeUnit.MINUTES.toMillis(2));
            long[] cpu1 = operator.cpu();
            Map<String, long[]> trace = new java.util.HashMap<>();
            for (String entry : operator.command("trace").split(" ")) {
                String[] f = entry.split(":");
                if (f.length == 8) {
                    long[] t = new long[7];
                    for (int i = 0; i < 7; i++) {
                        t[i] = Long.parseLong(f[i + 1]);
                    }
                    trace.put(f[0], t);
                }
            }
            List<Double> latencies = new ArrayList<>();
            List<List<Double>> segments = new ArrayList<>();
            for (int i = 0; i < LatencyRound.SEGMENTS.length; i++) {
                segments.add(new ArrayList<>());
            }
            createdAt.forEach((name, created) -> {
                Long job = jobs.seenAt(name + "-1");
                if (job != null) {
                    latencies.add((job - created) / 1e6);
                    long[] t = trace.get(name);
                    if (t != null && java.util.Arrays.stream(t, 2, 6).allMatch(v -> v != 0)) {
                        long[] points = {created, t[2], t[3], t[4], t[5], job};
                        for (int i = 0; i < LatencyRound.SEGMENTS.length; i++) {
                            segments.get(i).add((points[i + 1] - points[i]) / 1e6);
                        }
                    }
                }
            });
            Collections.sort(latencies);
            segments.forEach(Collections::sort);
            l.got = latencies.size();
            l.median = percentile(latencies, 50);
            l.p99 = percentile(latencies, 99);
            l.max = latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1);
            for (int i = 0; i < LatencyRound.SEGMENTS.length; i++) {
                l.segmentMedians[i] = percentile(segments.get(i), 50);
                l.segmentP99s[i] = percentile(segments.get(i), 99);
            }
            l.cpuMsPerAdmission = operatorCpu(cpu1, cpu0) / 1e6 / Math.max(1, l.got);
            l.requests = minus(operator.command("requests").substring("REQUESTS ".length()), requests0);
            l.writesPerAdmission = writes(l.requests) / Math.max(1.0, l.got);
            operator.command("stop");
            jobs.close();
        }
        return l;
    }

    /** The problem and a pool with a slot for everyone (the API server comes with the CRDs). */
    private static void catalog(KubernetesClient client) {
        var problem = Fixtures.problem("aplusb", 1);
        problem.getMetadata().setUid(null);
        client.resource(problem).create();
        var pool = Fixtures.pool("default", 1_000_000);
        pool.getMetadata().setUid(null);
        client.resource(pool).create();
    }

    private static StandaloneMockApiServer.Running startMock() {
        List<String> options = new ArrayList<>(List.of("-Xmx2g", "-XX:+UseG1GC"));
        String extra = System.getProperty("bench.mockJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return StandaloneMockApiServer.start(options);
    }

    /** Creates n submissions from 16 threads; the API server's create rate early and late, and its CPU per create. */
    private static Fill createQueued(KubernetesClient client, StandaloneMockApiServer.Running mock, String prefix, int n) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long[] doneAt = new long[n];
        AtomicInteger done = new AtomicInteger();
        long mock0 = ProcessCpu.nanos(mock.pid());
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String name = prefix + i;
            pool.execute(() -> {
                client.resource(submission(name)).create();
                doneAt[done.getAndIncrement()] = System.nanoTime();
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        Fill f = new Fill();
        f.mockCpuMsPerCreate = (ProcessCpu.nanos(mock.pid()) - mock0) / 1e6 / n;
        int early = Math.min(500, n - 1);
        f.earlyRate = early / ((doneAt[early - 1] - start) / 1e9);
        int late = Math.max(0, n - 1000);
        f.lateRate = (n - 1 - late) / ((doneAt[n - 1] - doneAt[late]) / 1e9);
        return f;
    }

    static JudgeSubmission submission(String name) {
        JudgeSubmission s = Fixtures.submission(name);
        s.getMetadata().setUid(null);
        s.getSpec().setUserId("u" + Math.abs(name.hashCode() % 500));
        // As the API creates them: with the operator's finalizer (api SubmissionFactory).
        s.getMetadata().setFinalizers(List.of(JudgeSubmission.FINALIZER));
        return s;
    }

    private static KubernetesClient driverClient(String url) {
        var config = new ConfigBuilder().withMasterUrl(url).withTrustCerts(true).withAutoConfigure(false)
                .withMaxConcurrentRequests(64).withMaxConcurrentRequestsPerHost(64).withRequestTimeout(120_000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    static long count(String requests, String key) {
        for (String kv : requests.split(" ")) {
            if (kv.startsWith(key + "=")) {
                return Long.parseLong(kv.substring(key.length() + 1));
            }
        }
        return 0;
    }

    /** Seconds of submissions at the measured rate before a latency round's count starts. */
    static final int LATENCY_WARM_UP_SECONDS = Integer.getInteger("bench.latencyWarmUpSeconds", 5);

    /** Creates {@code count} submissions named prefix + i, one every 1/rate s, from 16 threads. */
    private static void createAtRate(KubernetesClient client, String prefix, int count, int rate,
                                     Map<String, Long> createdAt) throws InterruptedException {
        ExecutorService creators = Executors.newFixedThreadPool(16);
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = t0 + i * period - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String name = prefix + i;
            creators.execute(() -> {
                createdAt.put(name, System.nanoTime());
                client.resource(submission(name)).create();
            });
        }
        creators.shutdown();
        creators.awaitTermination(5, TimeUnit.MINUTES);
    }

    private static void awaitJobs(JobWatch jobs, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (jobs.count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Request counts (k=v ...) after less before, per kind; kinds that did not grow are left out. */
    static String minus(String after, String before) {
        Map<String, Long> base = counts(before);
        StringBuilder b = new StringBuilder();
        counts(after).forEach((kind, n) -> {
            long d = n - base.getOrDefault(kind, 0L);
            if (d > 0) {
                b.append(b.isEmpty() ? "" : " ").append(kind).append('=').append(d);
            }
        });
        return b.toString();
    }

    /** The requests that change something (what the API server's write budget pays for). */
    static long writes(String requests) {
        return sum(requests, kind -> kind.startsWith("POST:") || kind.startsWith("PUT:") || kind.startsWith("PATCH:")
                || kind.startsWith("DELETE:"));
    }

    /** Every request but the long-running watches. */
    private static long writesAndReads(String requests) {
        return sum(requests, kind -> !kind.startsWith("WATCH:"));
    }

    private static long sum(String requests, java.util.function.Predicate<String> kinds) {
        return counts(requests).entrySet().stream().filter(e -> kinds.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    /** The operator's request counts, "KIND=n KIND=n ...", by kind, in their order. */
    private static Map<String, Long> counts(String requests) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (String kv : requests.split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                counts.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
            }
        }
        return counts;
    }

    private static long operatorCpu(long[] later, long[] earlier) {
        return (later[0] - later[1]) - (earlier[0] - earlier[1]);
    }

    private static long redisCpu(RedisServer redis) {
        return ProcessCpu.nanos(redis.pid());
    }

    static <T> double median(List<T> rounds, java.util.function.ToDoubleFunction<T> f) {
        List<Double> values = new ArrayList<>(rounds.stream().map(r -> f.applyAsDouble(r)).toList());
        return percentile(values.stream().sorted().toList(), 50);
    }

    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** When each Job was first seen (ADDED) by the driver's watch. */
    static final class JobWatch implements AutoCloseable {
        private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();
        private final Watch watch;

        JobWatch(KubernetesClient client) {
            watch = client.batch().v1().jobs().inNamespace(Fixtures.NS).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Job job) {
                    if (action == Action.ADDED && seenAt.putIfAbsent(job.getMetadata().getName(), System.nanoTime()) == null) {
                        count.incrementAndGet();
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                    System.err.println("job watch closed: " + cause);
                }
            });
        }

        int count() {
            return count.get();
        }

        Long seenAt(String job) {
            return seenAt.get(job);
        }

        List<Long> times(String prefix) {
            List<Long> list = new ArrayList<>();
            seenAt.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    list.add(v);
                }
            });
            Collections.sort(list);
            return list;
        }

        @Override
        public void close() {
            watch.close();
        }
    }

    /**
     * The {@link OperatorProcess} child on this JVM's class path, driven line by line over its
     * standard input and output; its standard error goes to {@code target/bench-operator.log}.
     */
    static final class OperatorChild implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        OperatorChild(String jvmArgs) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String a : jvmArgs.trim().split("\\s+")) {
                if (!a.isEmpty()) {
                    cmd.add(a);
                }
            }
            // A fixed set of compiler threads: their CPU time (warm-up, not admissions) is subtracted.
            cmd.addAll(List.of("-XX:+UseG1GC", "-XX:-UseDynamicNumberOfCompilerThreads",
                    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                    "-cp", System.getProperty("java.class.path"), OperatorProcess.class.getName()));
            Files.createDirectories(Path.of("target"));
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(
                    Path.of("target", "bench-operator.log").toFile())).start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        synchronized String command(String line) throws IOException {
            in.write(line + "\n");
            in.flush();
            String answer;
            do {
                answer = out.readLine();
                if (answer == null) {
                    throw new IllegalStateException("the operator process ended; see target/bench-operator.log");
                }
            } while (!answer.startsWith(OperatorProcess.ANSWER));
            answer = answer.substring(OperatorProcess.ANSWER.length());
            if (answer.startsWith("ERROR")) {
                throw new IllegalStateException("the operator process answered " + answer + " to " + line);
            }
            return answer;
        }

        void start(String url, RedisServer redis, int threads) throws IOException {
            command("start " + url + " " + Fixtures.NS + " " + (redis == null ? 0 : redis.port()) + " " + threads);
        }

        long heap() throws IOException {
            return Long.parseLong(command("heap").substring(5).trim());
        }

        /** {process CPU, JIT compiler threads' CPU, GC threads' CPU} in ns. */
        long[] cpu() throws IOException {
            String[] f = command("cpu").split(" ");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
        }

        /** The top classes of the operator's heap (jcmd GC.class_histogram), to see what a heap figure is made of. */
        void printHistogram(int lines) throws IOException, InterruptedException {
            if (lines <= 0) {
                return;
            }
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.class_histogram").redirectErrorStream(true).start();
            List<String> out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            jcmd.waitFor();
            out.stream().limit(lines + 3L).forEach(l -> System.out.println(P + "histogram " + l));
        }

        /**
         * Waits until the operator's writes stop (Events and the like go out from queues of their
         * own): no change in its request counts for a second.
         */
        void awaitEvents(int admitted, long maxMillis) throws IOException, InterruptedException {
            long end = System.currentTimeMillis() + maxMillis;
            long last = -1;
            long lastChange = System.currentTimeMillis();
            while (System.currentTimeMillis() < end) {
                long sent = writes(command("requests"));
                if (sent != last) {
                    last = sent;
                    lastChange = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastChange > 1_000) {
                    return;
                }
                Thread.sleep(200);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroy();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }

    private AdmissionBenchmark() {
    }
}
