package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.runner.cli.Main;
import io.kubejudge.testcluster.InJvmTestCluster;
import io.kubejudge.testcluster.fault.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A thousand submissions in flight at once, every one judged by the real runner to the right
 * verdict, none twice. On the in-JVM test cluster the pods' {@code kubejudge-runner} runs in this
 * JVM (the runner's own code, no JVM start per step; see InProcessProgram) unless
 * {@code -Dkubejudge.e2e.scale.processes=true}: three JVM starts per submission would make this
 * scenario take the better part of an hour on two cores. {@code -Dkubejudge.e2e.scale.count=N}
 * changes the count.
 */
class ThousandSubmissionsE2eTest extends E2eScenario {

    private static final int COUNT = Integer.getInteger("kubejudge.e2e.scale.count", 1000);
    private static final boolean PROCESSES = Boolean.getBoolean("kubejudge.e2e.scale.processes");
    private static final int SLOTS = 8;

    @Override
    protected OperatorSettings.Builder operatorSettings(OperatorSettings.Builder defaults) {
        return defaults.queuePositionRefresh(Duration.ofSeconds(5)).reconcileThreads(16);
    }

    @BeforeAll
    void problemAndPool() {
        kubejudge.createProblem(TinyProblem.named("tiny", 1));
        kubejudge.createPool("scale", SLOTS);
    }

    @Test
    void aThousandSubmissionsInFlightAllGetTheirVerdicts() throws Exception {
        AutoCloseable inProcess = cluster instanceof InJvmTestCluster inJvm && !PROCESSES
                ? inJvm.runJudgeRunnerInProcess(Pods.withLabel("kubejudge.io/pool", "scale"), Main::run) : () -> { };
        Set<String> unfinished = ConcurrentHashMap.newKeySet();
        AtomicInteger mostInFlight = new AtomicInteger();
        Map<String, Set<String>> completions = new ConcurrentHashMap<>();
        SharedIndexInformer<JudgeSubmission> watch = client.resources(JudgeSubmission.class).inNamespace(namespace)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(JudgeSubmission s) {
                        onUpdate(null, s);
                    }

                    @Override
                    public synchronized void onUpdate(JudgeSubmission old, JudgeSubmission s) {
                        var phase = KubeJudgeApi.phase(s);
                        if (phase == null || !phase.isFinal()) {
                            unfinished.add(s.getMetadata().getName());
                        } else {
                            unfinished.remove(s.getMetadata().getName());
                            completions.computeIfAbsent(s.getMetadata().getName(), k -> ConcurrentHashMap.newKeySet())
                                    .add(s.getStatus().getCompletedAt());
                        }
                        mostInFlight.accumulateAndGet(unfinished.size(), Math::max);
                    }

                    @Override
                    public void onDelete(JudgeSubmission s, boolean unknown) {
                    }
                }, 0);
        Instant start = Instant.now();
        try (inProcess) {
            ExecutorService submitters = Executors.newFixedThreadPool(8);
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                int n = i;
                created.add(submitters.submit(() -> kubejudge.submission(name(n)).pool("scale").problem("tiny")
                        .source(Language.PYTHON, wrong(n) ? TinyProblem.PYTHON_WRONG : TinyProblem.PYTHON_ACCEPTED)
                        .user("user-" + (n % 50)).create()));
            }
            for (Future<?> f : created) {
                f.get();
            }
            submitters.shutdown();
            Duration submitted = Duration.between(start, Instant.now());

            Awaitility.await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> completions.size() >= COUNT);
            Duration judged = Duration.between(start, Instant.now());
            System.out.printf("%d submissions: created in %d s, all judged after %d s (%.1f per second), at most %d in flight%n",
                    COUNT, submitted.toSeconds(), judged.toSeconds(), COUNT * 1000.0 / judged.toMillis(), mostInFlight.get());
            if (cluster instanceof InJvmTestCluster inJvm) {
                System.out.println("API requests so far: " + inJvm.apiRequests());
            }
        } finally {
            watch.close();
        }

        List<String> wrongVerdicts = new ArrayList<>();
        for (JudgeSubmission s : kubejudge.submissions()) {
            int n = Integer.parseInt(s.getMetadata().getName().substring("scale-".length()));
            Verdict expected = wrong(n) ? Verdict.WRONG_ANSWER : Verdict.ACCEPTED;
            if (s.getStatus().getVerdict() != expected || s.getStatus().getAttempts() != 1) {
                wrongVerdicts.add(s.getMetadata().getName() + ": " + s.getStatus().getVerdict() + " after "
                        + s.getStatus().getAttempts() + " attempts, expected " + expected + " (" + s.getStatus().getMessage() + ")");
            }
        }
        assertThat(wrongVerdicts).as("submissions judged wrongly").isEmpty();
        assertThat(completions).hasSize(COUNT).allSatisfy((name, values) -> assertThat(values).as(name).hasSize(1));
        assertThat(kubejudge.jobs()).hasSize(COUNT);
        assertThat(mostInFlight.get()).as("submissions in flight at once").isGreaterThanOrEqualTo(COUNT * 3 / 4);
    }

    private static String name(int n) {
        return "scale-" + n;
    }

    private static boolean wrong(int n) {
        return n % 10 == 7;
    }
}
