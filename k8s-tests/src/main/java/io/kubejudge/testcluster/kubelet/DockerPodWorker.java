package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.kubejudge.testcluster.fault.Disruption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod on the stand-in node run as Docker containers, as a kubelet with a CRI runtime runs it:
 * a sandbox ({@link PodSandbox}) holds the pod's IP ({@code status.podIP}, fixed for the pod's life),
 * hostname, DNS settings and the names it is found by; the init containers run one by one, then the
 * regular containers side by side in the sandbox's namespaces ({@link DockerContainerArgs}), with the
 * Service link variables ({@link ServiceLinks}) and the API server's ({@link DockerPods}). A regular
 * container that ends is started again as {@code restartPolicy} says (restartCount, lastState,
 * {@code CrashLoopBackOff}); its startup, readiness and liveness probes ({@link ContainerProber})
 * decide {@code started}, {@code ready} and restarts; container output goes to the pod's logs.
 * Deletion stops the containers with {@code docker stop -t <grace period>} and removes them.
 *
 * <p>Not emulated: a Service name resolves to its pods whether they are ready or not, and maps no
 * ports (a name resolves to the pod IP: clients must use the target port); NetworkPolicies (all pods
 * reach each other), the {@code sizeLimit} of a disk-backed emptyDir, admission (Pod Security),
 * {@code dnsPolicy}/{@code dnsConfig}, fault injection.
 */
final class DockerPodWorker implements NodePod {

    private static final Logger LOG = LoggerFactory.getLogger(DockerPodWorker.class);
    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

    private enum Stop { DELETED, TERMINATING }

    private static final class Stopped extends Exception {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private final Pod pod;
    private final PodWorker.Collaborators c;
    private final DockerPods docker;
    private final NodePod previous;
    private final PodStatusTracker status;
    private final Path podDir;
    private final String containerPrefix;
    private final CountDownLatch done = new CountDownLatch(1);
    /** Docker ids of the containers running now, by container name. */
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final Map<String, Integer> exits = new ConcurrentHashMap<>();
    private volatile Stop stop;
    private volatile PodSandbox sandbox;

    /** @param previous the pod of the same name still stopping (a StatefulSet's pod made again), or null */
    DockerPodWorker(Pod pod, PodWorker.Collaborators collaborators, DockerPods docker, NodePod previous) {
        this.pod = pod;
        this.c = collaborators;
        this.docker = docker;
        this.previous = previous;
        this.status = new PodStatusTracker(collaborators.client(), pod);
        this.podDir = collaborators.settings().podDirectory(pod);
        String podName = pod.getMetadata().getName();
        this.containerPrefix = "kjt-" + docker.network().clusterId() + "-" + pod.getMetadata().getNamespace() + "-"
                + (podName.length() > 40 ? podName.substring(0, 40) : podName) + "-" + pod.getMetadata().getUid().substring(0, 8);
    }

    @Override
    public String namespace() {
        return pod.getMetadata().getNamespace();
    }

    @Override
    public String name() {
        return pod.getMetadata().getName();
    }

    @Override
    public Path directory() {
        return podDir;
    }

    @Override
    public void run() {
        try {
            if (previous != null && !previous.awaitDone(Duration.ofSeconds(60))) {
                LOG.warn("pod {}/{}: its previous incarnation did not stop in 60 s", namespace(), name());
            }
            if (!PodBinding.bind(c.client(), namespace(), name(), c.settings().nodeName())) {
                return;
            }
            status.scheduled(c.settings().nodeName());
            writeStatus();
            Map<String, Path> volumes = setUpVolumes();
            Optional<Path> serviceAccount = ServiceAccountVolume.materialise(c.client(), pod, podDir);
            checkStopped();
            sandbox = PodSandbox.start(pod, c.client(), docker, containerPrefix + "-sandbox", c.settings().sandboxImage());
            sandbox.servicesChanged(); // a Service made while the sandbox started
            status.sandboxReady(sandbox.ip());
            writeStatus();
            for (Container init : pod.getSpec().getInitContainers()) {
                for (int attempt = 0; runOnce(init, true, volumes, serviceAccount, attempt) != 0; attempt++) {
                    if ("Never".equals(pod.getSpec().getRestartPolicy())) {
                        finish(false);
                        return;
                    }
                    sleep(c.settings().crashLoopBackOff());
                }
            }
            status.initFinished();
            runRegularContainers(volumes, serviceAccount);
            if (stop == Stop.TERMINATING || stop == null) {
                finish(exits.values().stream().allMatch(e -> e == 0));
            }
        } catch (Stopped e) {
            // deleted while starting
        } catch (UnsupportedPodException e) {
            configError(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("pod {}/{}: the test cluster's kubelet failed", namespace(), name(), e);
            configError("test cluster kubelet: " + e);
        } finally {
            tearDown();
            done.countDown();
        }
    }

    /** The kubelet keeps such a pod Pending and says why in each container's waiting state. */
    private void configError(String message) {
        LOG.error("pod {}/{}: {}", namespace(), name(), message);
        for (Container container : pod.getSpec().getContainers()) {
            status.waiting(container, false, "CreateContainerConfigError", message);
        }
        writeStatus();
        try {
            while (stop == null) {
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stop == Stop.TERMINATING) {
            status.finished(false, null, null);
            writeStatus();
        }
    }

    private Map<String, Path> setUpVolumes() throws IOException, InterruptedException, Stopped {
        Files.createDirectories(podDir);
        Files.setPosixFilePermissions(podDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        boolean reported = false;
        while (true) {
            checkStopped();
            Path volumesDir = Files.createTempDirectory(podDir, "volumes");
            Files.setPosixFilePermissions(volumesDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Map<String, Path> volumes = c.volumes().materialise(pod, volumesDir);
                PodVolumes.applyFsGroup(pod, volumes);
                return volumes;
            } catch (VolumeNotReadyException e) {
                if (!reported) {
                    LOG.info("pod {}/{}: {}", namespace(), name(), e.getMessage());
                    for (Container container : pod.getSpec().getContainers()) {
                        status.waiting(container, false, "ContainerCreating", null);
                    }
                    writeStatus();
                    reported = true;
                }
                sleep(c.settings().retryInterval());
            }
        }
    }

    /** The Services of the namespace changed: the names that find this pod may have too. */
    void servicesChanged() {
        PodSandbox current = sandbox;
        if (current != null && stop == null) {
            current.servicesChanged();
        }
    }

    private void runRegularContainers(Map<String, Path> volumes, Optional<Path> serviceAccount) throws Exception {
        List<Thread> threads = new ArrayList<>();
        Exception[] failure = new Exception[1];
        for (Container container : pod.getSpec().getContainers()) {
            Thread thread = new Thread(() -> {
                try {
                    exits.put(container.getName(), runRestarting(container, volumes, serviceAccount));
                } catch (Stopped e) {
                    // the pod is going
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    failure[0] = e;
                    stopContainers(0);
                }
            }, "docker-pod-" + name() + "-" + container.getName());
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * A regular container, started again after it ends as the restart policy says; its last exit
     * code. As the kubelet's back-off: the first restart is at once, the next after the base back-off,
     * doubling up to five minutes.
     */
    private int runRestarting(Container container, Map<String, Path> volumes, Optional<Path> serviceAccount) throws Exception {
        String policy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        for (int restarts = 0; ; restarts++) {
            int exit = runOnce(container, false, volumes, serviceAccount, restarts);
            if (stop != null || "Never".equals(policy) || "OnFailure".equals(policy) && exit == 0) {
                return exit;
            }
            if (restarts > 0) {
                long backOff = Math.min(c.settings().crashLoopBackOff().toMillis() << Math.min(restarts - 1, 20), MAX_BACK_OFF.toMillis());
                status.backingOff(container, "back-off " + Duration.ofMillis(backOff).toSeconds() + "s restarting failed container="
                        + container.getName() + " pod=" + name() + "_" + namespace() + "(" + pod.getMetadata().getUid() + ")");
                writeStatus();
                sleep(Duration.ofMillis(backOff));
            }
        }
    }

    /** @param instance how many times this container ran before in this pod (its restart count) */
    private int runOnce(Container container, boolean init, Map<String, Path> volumes, Optional<Path> serviceAccount, int instance)
            throws Exception {
        checkStopped();
        DockerImages.Image image = docker.images().inspect(container.getImage()).orElseThrow(() ->
                new UnsupportedPodException("image " + container.getImage() + " is not in the local Docker engine"));
        Optional<String> refused = DockerContainerArgs.runAsNonRootViolation(pod, container, image);
        if (refused.isPresent()) {
            throw new UnsupportedPodException(refused.get());
        }
        // As the kubelet orders them: Service links, the API server's, then the container's own (which win).
        Map<String, String> base = new java.util.LinkedHashMap<>(ServiceLinks.of(c.client(), pod));
        base.putAll(docker.apiServerEnvironment());
        Map<String, String> env = c.environment().resolve(pod, container, base, sandbox.ip());
        List<String> command = ContainerEnvironment.expandAll(container.getCommand(), env);
        List<String> args = ContainerEnvironment.expandAll(container.getArgs(), env);

        Path dir = Files.createDirectories(podDir.resolve("containers").resolve(container.getName()).resolve(Integer.toString(instance)));
        Path log = dir.resolve("log");
        Path terminationFile = dir.resolve("termination-log");
        Files.deleteIfExists(terminationFile);
        Files.createFile(terminationFile);
        Files.setPosixFilePermissions(terminationFile, PosixFilePermissions.fromString("rw-rw-rw-"));
        String dockerName = containerPrefix + "-" + container.getName() + "-" + instance;
        DockerContainerArgs.DockerCreate create;
        String reported = null;
        while (true) {
            try {
                create = DockerContainerArgs.create(pod, container, dockerName, sandbox.id(),
                        docker.network().labelArgs(), volumes, serviceAccount, env, command, args, image, c.settings(),
                        dir.resolve("env"), terminationFile);
                break;
            } catch (ContainerCreateException e) {
                // The kubelet's sync: the pod stays Pending, the container waits with the runtime's error,
                // and creating it is tried again (the missing file may be put on the node meanwhile).
                if (!e.getMessage().equals(reported)) {
                    LOG.info("pod {}/{}: container {}: {}", namespace(), name(), container.getName(), e.getMessage());
                    status.waiting(container, init, ContainerCreateException.REASON, e.getMessage());
                    writeStatus();
                    reported = e.getMessage();
                }
                sleep(c.settings().crashLoopBackOff());
            }
        }
        c.logs().register(namespace(), name(), container.getName(), log);
        DockerCli.Result created = DockerCli.run(create.args(), create.cliEnvironment(), Duration.ofMinutes(1));
        Files.deleteIfExists(dir.resolve("env"));
        if (!created.ok()) {
            throw new UnsupportedPodException("docker create for container " + container.getName() + ": " + created.stderr());
        }
        String id = created.stdout().trim();
        Process attached;
        synchronized (this) {
            checkStopped();
            attached = new ProcessBuilder("docker", "start", "-a", id).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            running.put(container.getName(), id);
        }
        Thread prober = null;
        if (init) {
            status.running(container, true);
            writeStatus();
        } else {
            prober = startProbing(container, id, attached, instance);
        }
        attached.waitFor();
        String exitText = DockerCli.run(List.of("wait", id)).stdout().trim();
        String oom = DockerCli.run(List.of("inspect", "--format", "{{.State.OOMKilled}}", id)).stdout().trim();
        running.remove(container.getName());
        if (prober != null) {
            prober.interrupt();
            prober.join();
        }
        int exit = exitText.matches("\\d+") ? Integer.parseInt(exitText) : 137;
        DockerCli.run(List.of("rm", "-f", "-v", id));
        String reason = "true".equals(oom) ? "OOMKilled" : exit == 0 ? "Completed" : "Error";
        status.terminated(container, init, exit, reason, TerminationMessages.ofContainer(pod, container, exit, terminationFile, log));
        if (!init) {
            status.refreshReadiness();
        }
        writeStatus();
        return exit;
    }

    /** The container runs: its probes ({@link ContainerProber}) decide {@code started} and {@code ready}, and restarts. */
    private Thread startProbing(Container container, String id, Process attached, int restartCount) {
        status.runningProbed(container, "docker://" + id, restartCount, ContainerProber.startedAtOnce(container),
                ContainerProber.readyAtOnce(container));
        writeStatus();
        ContainerProber prober = new ContainerProber(container, id, sandbox.ip(), () -> attached.isAlive() && stop == null,
                new ContainerProber.Findings() {
                    @Override
                    public void changed(boolean started, boolean ready) {
                        status.probed(container, started, ready);
                        writeStatus();
                    }

                    @Override
                    public void failed(String kind, Probe probe) {
                        LOG.info("pod {}/{}: container {} failed its {} probe, restarting it", namespace(), name(),
                                container.getName(), kind);
                        stopContainer(id, grace(probe));
                    }
                });
        Thread thread = new Thread(prober, "docker-probe-" + name() + "-" + container.getName());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private long grace(Probe probe) {
        return probe.getTerminationGracePeriodSeconds() != null ? probe.getTerminationGracePeriodSeconds() : podGrace();
    }

    private long podGrace() {
        Long fromDeletion = pod.getMetadata().getDeletionGracePeriodSeconds();
        Long fromSpec = pod.getSpec().getTerminationGracePeriodSeconds();
        return fromDeletion != null ? fromDeletion : fromSpec != null ? fromSpec : 30;
    }

    // ---- the ways a pod ends ----

    @Override
    public void deleted() {
        stopWith(Stop.DELETED, podGrace());
    }

    /** The node goes away: no grace period. */
    void killNow() {
        stopWith(Stop.DELETED, 0);
    }

    @Override
    public void terminating() {
        stopWith(Stop.TERMINATING, podGrace());
    }

    /** Fault injection is for judge pods; a Docker pod cannot be disrupted here. */
    @Override
    public boolean disrupt(Disruption disruption) {
        return false;
    }

    private void stopWith(Stop why, long graceSeconds) {
        synchronized (this) {
            if (stop != null) {
                return;
            }
            stop = why;
        }
        c.programThreads().submit(() -> stopContainers(graceSeconds));
    }

    private void stopContainers(long graceSeconds) {
        List<Thread> stoppers = new ArrayList<>();
        for (String id : running.values()) {
            Thread t = new Thread(() -> stopContainer(id, graceSeconds));
            t.setDaemon(true);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void stopContainer(String id, long graceSeconds) {
        DockerCli.run(List.of("stop", "-t", Long.toString(graceSeconds), id), Duration.ofSeconds(graceSeconds + 30));
    }

    private void tearDown() {
        if (!running.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f", "-v"));
            args.addAll(running.values());
            DockerCli.run(args);
        }
        if (sandbox != null) {
            sandbox.remove();
        }
    }

    private void finish(boolean succeeded) {
        if (stop == Stop.DELETED) {
            return;
        }
        status.finished(succeeded, null, null);
        writeStatus();
    }

    private void writeStatus() {
        if (stop == Stop.DELETED) {
            return;
        }
        try {
            status.write();
        } catch (RuntimeException e) {
            LOG.warn("pod {}/{}: writing the status failed: {}", namespace(), name(), e.toString());
        }
    }

    private void checkStopped() throws Stopped {
        if (stop != null) {
            throw new Stopped();
        }
    }

    private void sleep(Duration d) throws InterruptedException, Stopped {
        long until = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < until) {
            checkStopped();
            Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
        checkStopped();
    }

    @Override
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
