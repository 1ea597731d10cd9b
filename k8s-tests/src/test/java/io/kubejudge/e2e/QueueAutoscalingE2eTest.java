package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.Autoscaling;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.operator.externalmetrics.ExternalMetricsApi;
import io.kubejudge.operator.externalmetrics.ExternalMetricsHttpServer;
import io.kubejudge.operator.externalmetrics.QueueDepths;
import io.kubejudge.runner.cli.Main;
import io.kubejudge.testcluster.InJvmTestCluster;
import io.kubejudge.testcluster.fault.Pods;
import io.kubejudge.testcluster.controller.HorizontalPodAutoscalerController;
import io.kubejudge.testcluster.controller.HorizontalPodAutoscalerController.Settings;
import io.kubejudge.testsupport.RetryOnConflict;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Autoscaling on the queue, end to end: the operator serves {@code kubejudge_queue_depth} as an
 * external metric, the test cluster's HPA controller asks for it as Kubernetes' does and scales the
 * pool through {@code /scale}: up while submissions queue, back down once the queue has drained and the
 * scale-down stabilisation window (short here) has passed.
 */
class QueueAutoscalingE2eTest extends E2eScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WINDOW = Duration.ofSeconds(6);
    private static final int SUBMISSIONS = 24;

    private ExternalMetricsHttpServer metrics;
    private HorizontalPodAutoscalerController hpaController;
    private Settings previous;

    /** One observation of the pool: when, its replicas, and the queue depth the endpoint reported. */
    private record Sample(Instant at, int replicas, long queued) {
    }

    @Test
    void thePoolScalesUpOnItsQueueAndBackDownAfterTheWindow() throws Exception {
        Assumptions.assumeTrue(cluster instanceof InJvmTestCluster, "the HPA stand-in belongs to the in-JVM test cluster");
        hpaController = ((InJvmTestCluster) cluster).autoscalerController();
        previous = hpaController.settings();
        hpaController.settings(new Settings(Duration.ofSeconds(1), 0.1, WINDOW));
        var components = operator().components();
        metrics = ExternalMetricsHttpServer.start(new ExternalMetricsApi(QueueDepths.of(components), Clock.systemUTC()));
        hpaController.serveExternalMetrics(namespace, metrics.url());

        kubejudge.createProblem(TinyProblem.named("tiny", 1));
        kubejudge.createPool("elastic", 1);
        RetryOnConflict.edit(client.resources(JudgeNodePool.class).inNamespace(namespace).withName("elastic"), p -> {
            Autoscaling a = new Autoscaling();
            a.setMinReplicas(1);
            a.setMaxReplicas(4);
            a.setTargetQueuedPerSlot(2);
            p.getSpec().setAutoscaling(a);
            return p;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> autoscaler() != null && autoscaler().getStatus() != null
                && autoscaler().getStatus().getConditions().stream().anyMatch(c -> c.getReason().equals("ValidMetricFound")));
        assertThat(queueDepth()).isZero();
        assertThat(replicas()).as("an empty queue keeps the pool at its minimum").isEqualTo(1);

        // The pods' kubejudge-runner runs in this JVM (see InProcessProgram): this scenario is about
        // the queue and the slots, and a JVM start per pod step on a loaded machine would only stretch it.
        AutoCloseable inProcess = ((InJvmTestCluster) cluster).runJudgeRunnerInProcess(Pods.withLabel("kubejudge.io/pool", "elastic"), Main::run);
        List<Sample> samples = new ArrayList<>();
        Instant downSeen = null;
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(() -> {
            // Anything thrown out of this task would cancel the sampling for good, and a request that
            // hangs would stall it: the queue is asked with a timeout, and a lost answer (-1) still
            // leaves the pool's replicas observed.
            try {
                int replicas = replicas();
                long queued;
                try {
                    queued = queueDepth();
                } catch (Exception | AssertionError e) {
                    queued = -1;
                }
                Sample s = new Sample(Instant.now(), replicas, queued);
                synchronized (samples) {
                    samples.add(s);
                }
            } catch (Exception | AssertionError e) {
                // the pool could not be read: the next sample comes 200 ms later
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        try {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < SUBMISSIONS; i++) {
                String name = "burst-" + i;
                kubejudge.submission(name).problem("tiny").pool("elastic").user("user-" + (i % 3))
                        .source(Language.PYTHON, TinyProblem.PYTHON_ACCEPTED).create();
                names.add(name);
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> replicas() == 4);
            for (String name : names) {
                kubejudge.awaitVerdict(name, Verdict.ACCEPTED, Duration.ofMinutes(4));
            }
            assertThat(queueDepth()).as("the drained queue, as the HPA reads it").isZero();
            await().atMost(WINDOW.plusSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> replicas() == 1);
            downSeen = Instant.now();
        } finally {
            inProcess.close();
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }

        List<Sample> seen;
        synchronized (samples) {
            seen = List.copyOf(samples);
        }
        long peakQueue = seen.stream().mapToLong(Sample::queued).max().orElse(0);
        assertThat(peakQueue).as("the endpoint followed the queue as it filled").isGreaterThanOrEqualTo(4);
        Sample firstUp = seen.stream().filter(s -> s.replicas() > 1).findFirst().orElseThrow();
        assertThat(seen.stream().filter(s -> s.at().isBefore(firstUp.at())).mapToLong(Sample::queued).max().orElse(0))
                .as("the pool went up because submissions queued").isGreaterThan(2);
        Instant lastUp = lastChange(seen, true);
        // The sampler's own observation, or else (its thread can fall behind in a busy suite JVM) this
        // thread's, which polled every 100 ms from the drained queue on.
        Instant downObserved = downSeen;
        Instant firstDown = seen.stream().filter(s -> s.at().isAfter(lastUp) && s.replicas() < 4).findFirst()
                .map(Sample::at).orElse(downObserved);
        assertThat(Duration.between(lastUp, firstDown))
                .as("no scale-down inside the stabilisation window after the last scale-up (sampled every 200 ms)")
                .isGreaterThanOrEqualTo(WINDOW.minusMillis(1500));

        // The status of the sync after the last scale (the sync that scaled reports the replicas it found).
        await().atMost(Duration.ofSeconds(30)).until(() -> autoscaler().getStatus().getCurrentReplicas() == 1
                && autoscaler().getStatus().getDesiredReplicas() == 1);
        HorizontalPodAutoscaler hpa = autoscaler();
        assertThat(hpa.getStatus().getCurrentMetrics().get(0).getExternal().getMetric().getName()).isEqualTo("kubejudge_queue_depth");
        assertThat(hpa.getStatus().getLastScaleTime()).isNotNull();
    }

    private static Instant lastChange(List<Sample> samples, boolean up) {
        Instant at = null;
        for (int i = 1; i < samples.size(); i++) {
            int d = samples.get(i).replicas() - samples.get(i - 1).replicas();
            if (up ? d > 0 : d < 0) {
                at = samples.get(i).at();
            }
        }
        assertThat(at).as("a scale-" + (up ? "up" : "down") + " was observed").isNotNull();
        return at;
    }

    private int replicas() {
        return kubejudge.pool("elastic").getSpec().getReplicas();
    }

    private HorizontalPodAutoscaler autoscaler() {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName("kubejudge-pool-elastic").get();
    }

    /** The metric as the HPA controller asks for it, with the pool HPA's selector. */
    private long queueDepth() throws Exception {
        String selector = URLEncoder.encode("namespace=" + namespace + ",pool=elastic", StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(metrics.url()
                + "/apis/external.metrics.k8s.io/v1beta1/namespaces/" + namespace + "/kubejudge_queue_depth?labelSelector=" + selector))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode items = JSON.readTree(response.body()).path("items");
        assertThat(items).hasSize(1);
        return items.get(0).path("value").asLong();
    }

    @AfterAll
    void restoreTheController() {
        if (hpaController != null) {
            hpaController.serveExternalMetrics(namespace, null);
            hpaController.settings(previous);
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
