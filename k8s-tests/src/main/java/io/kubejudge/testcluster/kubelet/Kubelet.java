package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
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
import java.util.ArrayList;
import java.util.List;
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
    private final Map<String, NodePod> workers = new ConcurrentHashMap<>();
    /** Docker pods deleted and still stopping, by namespace/name: a pod made again under that name waits for them. */
    private final Map<String, NodePod> stopping = new ConcurrentHashMap<>();
    private final ImageCatalog images;
    private volatile DockerPods dockerPods;
    private final ExecutorService podThreads = Executors.newCachedThreadPool(daemon("kubelet-pod"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("kubelet-timer"));
    private SharedIndexInformer<Pod> informer;
    private SharedIndexInformer<io.fabric8.kubernetes.api.model.Service> services;

    public Kubelet(KubernetesClient client, KubeletSettings settings, Faults faults, ImageCatalog images, ContainerLogs logs) {
        this.client = client;
        this.settings = settings;
        this.images = images;
        this.collaborators = new PodWorker.Collaborators(client, faults, images, new PodVolumes(client, settings.workRoot().resolve(".claims")),
                new ContainerEnvironment(client), logs, new Semaphore(settings.maxRunningContainers(), true), timers,
                podThreads, settings);
    }

    /** The node's settings (its seccomp root, where a test puts or leaves out a Localhost profile). */
    public KubeletSettings settings() {
        return settings;
    }

    /**
     * From now on, a pod whose images are all in the local Docker engine (and none is one the
     * {@link ImageCatalog} runs as host processes, such as the judge-runner) runs as Docker
     * containers ({@link DockerPodWorker}); other pods run as host processes as before.
     */
    public Kubelet runDockerPods(DockerPods docker) {
        this.dockerPods = docker;
        return this;
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
                    NodePod worker = workers.get(pod.getMetadata().getUid());
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
        if (dockerPods != null) {
            // Docker pods are found by the names of the Services that select them (network aliases).
            services = client.services().inAnyNamespace().inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(io.fabric8.kubernetes.api.model.Service s) {
                    servicesChanged(s.getMetadata().getNamespace());
                }

                @Override
                public void onUpdate(io.fabric8.kubernetes.api.model.Service old, io.fabric8.kubernetes.api.model.Service s) {
                    if (!java.util.Objects.equals(old.getSpec(), s.getSpec())) {
                        servicesChanged(s.getMetadata().getNamespace());
                    }
                }

                @Override
                public void onDelete(io.fabric8.kubernetes.api.model.Service s, boolean finalStateUnknown) {
                    servicesChanged(s.getMetadata().getNamespace());
                }
            }, 0);
        }
        return this;
    }

    private void servicesChanged(String namespace) {
        workers.values().stream()
                .filter(w -> w instanceof DockerPodWorker && w.namespace().equals(namespace))
                .forEach(w -> podThreads.submit(((DockerPodWorker) w)::servicesChanged));
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
            NodePod worker = runsInDocker(pod)
                    ? new DockerPodWorker(pod, collaborators, dockerPods, stopping.get(podKey(pod)))
                    : new PodWorker(pod, collaborators);
            podThreads.submit(worker);
            return worker;
        });
    }

    private boolean runsInDocker(Pod pod) {
        DockerPods docker = dockerPods;
        if (docker == null) {
            return false;
        }
        List<Container> containers = new ArrayList<>(pod.getSpec().getInitContainers());
        containers.addAll(pod.getSpec().getContainers());
        return containers.stream().noneMatch(images::knows)
                && containers.stream().allMatch(c -> docker.images().isPresent(c.getImage()));
    }

    private static String podKey(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private void remove(Pod pod) {
        NodePod worker = workers.remove(pod.getMetadata().getUid());
        if (worker == null) {
            return;
        }
        worker.deleted();
        if (worker instanceof DockerPodWorker) {
            stopping.put(podKey(pod), worker);
            podThreads.submit(() -> {
                try {
                    worker.awaitDone(Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stopping.remove(podKey(pod), worker);
            });
        }
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
        if (services != null) {
            services.close();
        }
        // The test is over: containers are killed, not given their grace period.
        workers.values().forEach(w -> {
            if (w instanceof DockerPodWorker docker) {
                docker.killNow();
            } else {
                w.deleted();
            }
        });
        // One deadline for all pods together: a JVM that is exiting does not wait pod by pod.
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (NodePod worker : workers.values()) {
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
