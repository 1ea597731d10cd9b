package io.kubejudge.operator.bench;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubejudge.api.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.MockCluster;
import io.kubejudge.operator.OperatorSettings;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's admission benchmark (bench/operator-admission.sh), on the in-JVM mock API server:
 * <ol>
 *   <li>throughput: N submissions queued while the operator is down, a pool large enough for all;
 *       start the operator and count Jobs created per second until all N have one;</li>
 *   <li>latency: submissions created at R per second against a running operator; time from the
 *       create call to the Job's appearance (median, p99);</li>
 *   <li>heap: used heap after a full GC with the N submissions live, minus the same before the
 *       operator started (the mock API server holds the objects in this JVM too).</li>
 * </ol>
 * Arguments: {@code [submissions=10000] [rate=100] [latencySeconds=20] [maxMinutes=15]} (the
 * throughput phase stops at the time cap and reports what it admitted by then).
 */
public final class AdmissionBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int latencySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int maxMinutes = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        OperatorSettings settings = OperatorSettings.builder().namespaces(Set.of(Fixtures.NS)).reconcileThreads(16)
                .missingReferenceGrace(Duration.ofSeconds(5)).build();

        try (MockCluster cluster = new MockCluster()) {
            KubernetesClient client = cluster.client();
            var problem = Fixtures.problem("aplusb", 1);
            problem.getMetadata().setUid(null);
            client.resource(problem).create();
            var pool = Fixtures.pool("default", 100_000);
            pool.getMetadata().setUid(null);
            client.resource(pool).create();

            Map<String, Long> jobSeenAt = new ConcurrentHashMap<>();
            SharedIndexInformer<Job> jobs = client.batch().v1().jobs().inNamespace(Fixtures.NS).inform(new ResourceEventHandler<>() {
                public void onAdd(Job job) { jobSeenAt.putIfAbsent(job.getMetadata().getName(), System.nanoTime()); }
                public void onUpdate(Job a, Job b) { }
                public void onDelete(Job job, boolean unknown) { }
            });

            // 1. throughput
            System.out.printf("creating %d queued submissions (operator down)...%n", n);
            long createStart = System.nanoTime();
            createAll(client, "q", n, 8);
            double createSeconds = (System.nanoTime() - createStart) / 1e9;
            System.out.printf("mock API server alone: %d creates in %.1f s (%.0f/s)%n", n, createSeconds, n / createSeconds);
            long heapBefore = usedHeapAfterGc();
            long start = System.nanoTime();
            KubeJudgeOperator operator = KubeJudgeOperator.start(client, settings);
            long cap = TimeUnit.MINUTES.toNanos(maxMinutes);
            while (countPrefix(jobSeenAt, "q") < n && System.nanoTime() - start < cap) {
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> seen = new ArrayList<>();
            jobSeenAt.forEach((k, v) -> { if (k.startsWith("q")) seen.add(v); });
            Collections.sort(seen);
            int admitted = seen.size();
            // Steady rate: between the 10% and the 90% Job, leaving out start-up (cache sync) and the tail.
            double steady = admitted < 10 ? 0 : (0.8 * admitted) / ((seen.get((int) (0.9 * admitted) - 1) - seen.get((int) (0.1 * admitted))) / 1e9);

            // 3. heap with the N submissions live (all admitted, Running)
            long heapWith = usedHeapAfterGc();

            // 2. latency at a fixed rate
            Map<String, Long> createdAt = new ConcurrentHashMap<>();
            int total = rate * latencySeconds;
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            ExecutorService creators = Executors.newFixedThreadPool(8);
            long t0 = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = t0 + i * period;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String name = "l" + i;
                creators.execute(() -> {
                    createdAt.put(name, System.nanoTime());
                    client.resource(submission(name, name)).create();
                });
            }
            creators.shutdown();
            creators.awaitTermination(5, TimeUnit.MINUTES);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (countPrefix(jobSeenAt, "l") < total && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<Double> latencies = new ArrayList<>();
            createdAt.forEach((name, created) -> {
                Long job = jobSeenAt.get(name + "-1");
                if (job != null) {
                    latencies.add((job - created) / 1e6);
                }
            });
            Collections.sort(latencies);
            operator.stop();
            jobs.close();

            System.out.println();
            System.out.println("== operator admission benchmark (mock API server in the same JVM) ==");
            System.out.printf("throughput: %d queued submissions -> %d Jobs in %.1f s%s: %.0f Jobs/s overall, %.0f Jobs/s steady (10%%-90%%)%n",
                    n, admitted, seconds, admitted < n ? " (stopped at the time cap)" : "", admitted / seconds, steady);
            System.out.printf("latency at %d submissions/s for %d s: %d of %d got a Job; creation-to-Job median %.1f ms, p99 %.1f ms%n",
                    rate, latencySeconds, latencies.size(), total, percentile(latencies, 50), percentile(latencies, 99));
            System.out.printf("heap: %d MiB used after GC with %d live submissions, %d MiB before the operator started: operator ~%d MiB%n",
                    heapWith >> 20, n, heapBefore >> 20, (heapWith - heapBefore) >> 20);
            System.out.println("targets: >= 500 admissions/s, p99 < 100 ms at 100 submissions/s, heap < 256 MiB");
        }
        System.exit(0);
    }

    static JudgeSubmission submission(String name, String user) {
        JudgeSubmission s = Fixtures.submission(name);
        s.getMetadata().setUid(null);
        s.getSpec().setUserId("u" + Math.abs(user.hashCode() % 500));
        return s;
    }

    static void createAll(KubernetesClient client, String prefix, int n, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            String name = prefix + i;
            pool.execute(() -> {
                client.resource(submission(name, name)).create();
                done.incrementAndGet();
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
    }

    static long countPrefix(Map<String, Long> seen, String prefix) {
        return seen.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
