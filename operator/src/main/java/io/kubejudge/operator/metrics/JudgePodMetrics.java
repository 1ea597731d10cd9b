package io.kubejudge.operator.metrics;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubejudge.model.v1alpha1.KubeJudge;
import io.kubejudge.operator.JudgeLabels;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * What the judge pods themselves say, for the metrics the submission status cannot give: how long a
 * pod took from creation to its first container's start [kubejudge_pod_start_seconds] and how long
 * the oldest Pending judge pod of a pool has waited [kubejudge_judge_pod_pending_seconds]. Watches
 * the judge pods by their labels in the operator's namespaces. Only the leading operator records
 * (a standby watches too, but its numbers would count every pod twice).
 */
public final class JudgePodMetrics implements AutoCloseable {
    private final KubernetesClient client;
    private final Set<String> namespaces;
    private final MeterRegistry registry;
    private final BooleanSupplier leading;
    private final Clock clock;
    private final Set<String> measured = ConcurrentHashMap.newKeySet();
    private final List<SharedIndexInformer<Pod>> informers = new ArrayList<>();

    public JudgePodMetrics(KubernetesClient client, Set<String> namespaces, MeterRegistry registry,
                           BooleanSupplier leading, Clock clock) {
        this.client = client;
        this.namespaces = namespaces;
        this.registry = registry;
        this.leading = leading;
        this.clock = clock;
    }

    public synchronized JudgePodMetrics start() {
        ResourceEventHandler<Pod> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                observe(pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                observe(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean unknown) {
                measured.remove(pod.getMetadata().getUid());
            }
        };
        if (namespaces.isEmpty()) {
            informers.add(client.pods().inAnyNamespace().withLabelSelector(JudgeLabels.JUDGE_SELECTOR).inform(handler, 0));
        } else {
            for (String ns : namespaces) {
                informers.add(client.pods().inNamespace(ns).withLabelSelector(JudgeLabels.JUDGE_SELECTOR).inform(handler, 0));
            }
        }
        return this;
    }

    private void observe(Pod pod) {
        Optional<Instant> started = firstContainerStart(pod);
        if (started.isEmpty() || !measured.add(pod.getMetadata().getUid()) || !leading.getAsBoolean()) {
            return;
        }
        try {
            Duration d = Duration.between(Instant.parse(pod.getMetadata().getCreationTimestamp()), started.get());
            Timer.builder("kubejudge.pod.start").description("Time from a judge pod's creation to its first container's start")
                    .tags("pool", pool(pod)).publishPercentileHistogram().register(registry).record(d.isNegative() ? Duration.ZERO : d);
        } catch (RuntimeException e) {
            // no creation timestamp: nothing to measure
        }
    }

    /** Seconds the oldest Pending judge pod of the pool has waited since its creation; 0 when none waits. */
    public double oldestPendingSeconds(PoolKey pool) {
        Instant now = clock.instant();
        double oldest = 0;
        for (SharedIndexInformer<Pod> informer : informers) {
            for (Pod pod : informer.getStore().list()) {
                if (pool.namespace().equals(pod.getMetadata().getNamespace()) && pool.pool().equals(pool(pod))
                        && pod.getStatus() != null && "Pending".equals(pod.getStatus().getPhase())
                        && pod.getMetadata().getCreationTimestamp() != null) {
                    oldest = Math.max(oldest, Duration.between(Instant.parse(pod.getMetadata().getCreationTimestamp()), now).toMillis() / 1000.0);
                }
            }
        }
        return oldest;
    }

    static Optional<Instant> firstContainerStart(Pod pod) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        return Stream.concat(pod.getStatus().getInitContainerStatuses().stream(), pod.getStatus().getContainerStatuses().stream())
                .map(JudgePodMetrics::startedAt).flatMap(Optional::stream).min(Instant::compareTo);
    }

    private static Optional<Instant> startedAt(ContainerStatus s) {
        if (s.getState() == null) {
            return Optional.empty();
        }
        String at = s.getState().getRunning() != null ? s.getState().getRunning().getStartedAt()
                : s.getState().getTerminated() != null ? s.getState().getTerminated().getStartedAt() : null;
        return at == null ? Optional.empty() : Optional.of(Instant.parse(at));
    }

    private static String pool(Pod pod) {
        String pool = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(KubeJudge.LABEL_POOL);
        return pool == null ? "unknown" : pool;
    }

    @Override
    public synchronized void close() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
