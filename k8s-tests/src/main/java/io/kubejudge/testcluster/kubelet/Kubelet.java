package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubejudge.testcluster.apiserver.ContainerLogs;
import io.kubejudge.testcluster.fault.Disruption;
import io.kubejudge.testcluster.fault.Faults;
import io.kubejudge.testcluster.fault.PodDisruptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in for the scheduler and the kubelet of a one-node cluster: it watches pods, binds each
 * new one to the node and runs it ({@link PodWorker}); a deleted pod's processes are killed and its
 * directory removed (a pod marked for deletion but kept by finalizers is stopped and reported Failed
 * unless it had ended; its status and logs stay until it is gone).
 */
public final class Kubelet implements PodDisruptor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);

    private final KubernetesClient client;
    private final KubeletSettings settings;
    private final PodWorker.Collaborators collaborators;
    private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
    private final ExecutorService podThreads = Executors.newCachedThreadPool(daemon("kubelet-pod"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("kubelet-timer"));
    private SharedIndexInformer<Pod> informer;

    public Kubelet(KubernetesClient client, KubeletSettings settings, Faults faults, ImageCatalog images, ContainerLogs logs) {
        this.client = client;
        this.settings = settings;
        this.collaborators = new PodWorker.Collaborators(client, faults, images, new PodVolumes(client),
                new ContainerEnvironment(client), logs, new Semaphore(settings.maxRunningContainers(), true), timers,
                podThreads, settings);
    }

    public Kubelet start() {
        informer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                admit(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    // Still there, so finalizers keep it: it is stopped, and its status stays readable.
                    PodWorker worker = workers.get(pod.getMetadata().getUid());
                    if (worker != null) {
                        worker.terminating();
                    }
                    return;
                }
                admit(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                remove(pod);
            }
        }, 0);
        return this;
    }

    /** Pods currently known to this node, by uid (running or finished, not yet deleted). */
    public int podCount() {
        return workers.size();
    }

    @Override
    public boolean disrupt(String namespace, String podName, Disruption disruption) {
        return workers.values().stream()
                .filter(w -> w.namespace().equals(namespace) && w.name().equals(podName))
                .findFirst()
                .map(w -> w.disrupt(disruption))
                .orElse(false);
    }

    private void admit(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || isTerminal(pod)) {
            return;
        }
        if (pod.getSpec().getNodeName() != null && !settings.nodeName().equals(pod.getSpec().getNodeName())) {
            return;
        }
        workers.computeIfAbsent(pod.getMetadata().getUid(), uid -> {
            PodWorker worker = new PodWorker(pod, collaborators);
            podThreads.submit(worker);
            return worker;
        });
    }

    private void remove(Pod pod) {
        PodWorker worker = workers.remove(pod.getMetadata().getUid());
        if (worker == null) {
            return;
        }
        worker.deleted();
        collaborators.logs().forgetPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        if (!settings.keepPodDirectories()) {
            podThreads.submit(() -> {
                try {
                    worker.awaitDone(Duration.ofSeconds(30));
                    deleteRecursively(worker.directory());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        workers.values().forEach(PodWorker::deleted);
        // One deadline for all pods together: a JVM that is exiting does not wait pod by pod.
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (PodWorker worker : workers.values()) {
            try {
                Duration left = Duration.ofNanos(Math.max(0, until - System.nanoTime()));
                if (!worker.awaitDone(left)) {
                    LOG.warn("pod {}/{} did not stop in time", worker.namespace(), worker.name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        podThreads.shutdownNow();
        timers.shutdownNow();
        if (!settings.keepPodDirectories()) {
            deleteRecursively(settings.workRoot());
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.debug("cannot walk {}: {}", dir, e.toString());
        }
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
