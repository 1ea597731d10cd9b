package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.testcluster.apiserver.ContainerLogs;
import io.kubejudge.testcluster.fault.Disruption;
import io.kubejudge.testcluster.fault.Faults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod's life on the stand-in node: scheduling, volumes, image pulls, init containers one by
 * one, then the regular containers, each as a {@link ContainerProcess}; and its three ways to end
 * early: deletion (the pod gone, or marked and kept by finalizers), disruption and
 * {@code activeDeadlineSeconds}.
 */
final class PodWorker implements NodePod {

    private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);

    /** Why a pod stopped before its containers finished. */
    private enum Stop { DELETED, TERMINATING, DISRUPTED, DEADLINE }

    private static final class Stopped extends Exception {
        Stopped() {
            super(null, null, false, false);
        }
    }

    record Collaborators(KubernetesClient client, Faults faults, ImageCatalog images, PodVolumes volumes,
                         ContainerEnvironment environment, ContainerLogs logs, Semaphore containerSlots,
                         ScheduledExecutorService timers, java.util.concurrent.ExecutorService programThreads,
                         KubeletSettings settings) {
    }

    private final Pod pod;
    private final Collaborators c;
    private final PodStatusTracker status;
    private final Path podDir;
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<ContainerRun> running = new ArrayList<>();
    private Stop stop;
    private ScheduledFuture<?> deadline;

    PodWorker(Pod pod, Collaborators collaborators) {
        this.pod = pod;
        this.c = collaborators;
        this.status = new PodStatusTracker(collaborators.client(), pod);
        this.podDir = collaborators.settings().podDirectory(pod);
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
            schedule();
            Map<String, Path> volumes = setUpVolumes();
            status.sandboxReady();
            armDeadline();
            for (Container init : pod.getSpec().getInitContainers()) {
                int exit = runContainer(init, true, volumes);
                if (exit != 0) {
                    finish(false, null, null);
                    return;
                }
            }
            status.initFinished();
            finish(runRegularContainers(volumes), null, null);
        } catch (Stopped e) {
            // Deletion, disruption or the deadline already recorded how the pod ended.
        } catch (UnsupportedPodException e) {
            LOG.error("pod {}/{}: {}", namespace(), name(), e.getMessage());
            for (Container container : pod.getSpec().getContainers()) {
                status.waiting(container, false, "CreateContainerConfigError", e.getMessage());
            }
            writeStatus();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("pod {}/{}: the test cluster's kubelet failed", namespace(), name(), e);
            finish(false, "TestClusterError", "test cluster kubelet: " + e);
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            done.countDown();
        }
    }

    // ---- the ways a pod ends early ----

    /** The pod was deleted: kill everything, write nothing (there is nothing to write to). */
    @Override
    public void deleted() {
        stop(Stop.DELETED);
    }

    /**
     * The pod is marked for deletion but still there (finalizers keep it): what runs is killed and
     * the pod reported Failed, as the kubelet does before a pod goes. A pod that had already ended
     * keeps its status, termination messages and all.
     */
    @Override
    public void terminating() {
        if (stop(Stop.TERMINATING)) {
            status.killRunning("Error", null);
            status.finished(false, null, null);
            writeStatus();
        }
    }

    @Override
    public boolean disrupt(Disruption disruption) {
        if (!stop(Stop.DISRUPTED)) {
            return false;
        }
        String containerReason = disruption == Disruption.NODE_LOSS ? "ContainerStatusUnknown" : "Error";
        status.killRunning(containerReason, disruption == Disruption.NODE_LOSS
                ? "The container could not be located when the pod was terminated" : null);
        status.disrupted(disruption.reason(), disruption.message());
        status.finished(false, null, null);
        writeStatus();
        return true;
    }

    private void deadlineExceeded() {
        if (stop(Stop.DEADLINE)) {
            status.killRunning("Error", null);
            status.finished(false, "DeadlineExceeded", "Pod was active on the node longer than the specified deadline");
            writeStatus();
        }
    }

    private synchronized boolean stop(Stop why) {
        if (stop != null || status.isTerminal()) {
            return false;
        }
        stop = why;
        running.forEach(ContainerRun::kill);
        return true;
    }

    @Override
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- the lifecycle ----

    private void schedule() throws InterruptedException, Stopped {
        if (pod.getSpec().getNodeName() == null) {
            Optional<Duration> delay = c.faults().schedulingDelay(pod);
            if (delay.isPresent()) {
                status.unschedulable("0/1 nodes are available: 1 Insufficient cpu.");
                writeStatus();
                sleep(delay.get());
            }
            boolean reported = false;
            while (c.faults().schedulingHeld(pod)) {
                if (!reported) {
                    status.unschedulable("0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
                            + "1 No preemption victims found for incoming pod.");
                    writeStatus();
                    reported = true;
                }
                sleep(c.settings().retryInterval());
            }
            bind();
        }
        status.scheduled(c.settings().nodeName());
        writeStatus();
    }

    private void bind() throws Stopped {
        if (!PodBinding.bind(c.client(), namespace(), name(), c.settings().nodeName())) {
            throw new Stopped();
        }
    }

    private Map<String, Path> setUpVolumes() throws IOException, InterruptedException, Stopped {
        Files.createDirectories(podDir);
        boolean reported = false;
        while (true) {
            checkStopped();
            Path volumesDir = Files.createTempDirectory(podDir, "volumes");
            // Reachable by a container running as another user (its volumes carry their own modes).
            Files.setPosixFilePermissions(volumesDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                return c.volumes().materialise(pod, volumesDir);
            } catch (VolumeNotReadyException e) {
                if (!reported) {
                    LOG.info("pod {}/{}: {}", namespace(), name(), e.getMessage());
                    for (Container container : allContainers()) {
                        status.waiting(container, pod.getSpec().getInitContainers().contains(container), "ContainerCreating", null);
                    }
                    writeStatus();
                    reported = true;
                }
                sleep(c.settings().retryInterval());
            }
        }
    }

    private void armDeadline() {
        Long seconds = pod.getSpec().getActiveDeadlineSeconds();
        if (seconds != null) {
            deadline = c.timers().schedule(this::deadlineExceeded, seconds, TimeUnit.SECONDS);
        }
    }

    private boolean runRegularContainers(Map<String, Path> volumes) throws Exception {
        List<Container> containers = pod.getSpec().getContainers();
        if (containers.size() == 1) {
            return runContainer(containers.get(0), false, volumes) == 0;
        }
        // Regular containers run side by side in a pod.
        List<Thread> threads = new ArrayList<>();
        int[] exits = new int[containers.size()];
        Exception[] failure = new Exception[1];
        for (int i = 0; i < containers.size(); i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                try {
                    exits[index] = runContainer(containers.get(index), false, volumes);
                } catch (Exception e) {
                    failure[0] = e;
                }
            }, "pod-" + name() + "-" + containers.get(i).getName());
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
        return java.util.Arrays.stream(exits).allMatch(e -> e == 0);
    }

    private int runContainer(Container container, boolean init, Map<String, Path> volumes)
            throws IOException, InterruptedException, Stopped {
        pullImage(container, init);
        Path dir = Files.createDirectories(podDir.resolve("containers").resolve(container.getName()));
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Files.setPosixFilePermissions(cwd, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path log = dir.resolve("log");
        Path terminationFile = dir.resolve("termination-log");
        Files.deleteIfExists(terminationFile);
        Files.createFile(terminationFile);
        // The runner may drop privileges before it writes its result: like the kubelet's bind mount, the file is writable.
        Files.setPosixFilePermissions(terminationFile, PosixFilePermissions.fromString("rw-rw-rw-"));

        PathRewriter paths = new PathRewriter();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Path host = volumes.get(mount.getName());
            if (host == null) {
                throw new UnsupportedPodException("container " + container.getName() + " mounts unknown volume " + mount.getName());
            }
            paths.mount(mount.getMountPath(), mount.getSubPath() == null || mount.getSubPath().isEmpty()
                    ? host : host.resolve(mount.getSubPath()));
        }
        String terminationPath = container.getTerminationMessagePath() == null ? "/dev/termination-log"
                : container.getTerminationMessagePath();
        paths.mount(terminationPath, terminationFile);

        // $(VAR) sees only the container's own variables, as in Kubernetes; the image's are host values already.
        Map<String, String> declared = c.environment().resolve(pod, container, Map.of());
        Map<String, String> containerEnv = new java.util.LinkedHashMap<>(declared);
        containerEnv.replaceAll((k, v) -> paths.rewrite(v));
        Map<String, String> env = new java.util.LinkedHashMap<>(c.settings().baseEnvironment());
        env.putAll(c.images().environment(container));
        env.putAll(containerEnv);
        // The image's program is a host path already; only the container's own words are mapped.
        boolean hang = c.faults().hangs(pod, container);
        ImageCatalog.HostCommand command = c.images().command(pod, container);
        List<String> argv = hang ? List.of("/bin/sh", "-c", "exec sleep 2147483647")
                : command.argv(words -> paths.rewriteAll(ContainerEnvironment.expandAll(words, declared)));
        Path workingDir = container.getWorkingDir() == null ? cwd : Path.of(paths.rewrite(container.getWorkingDir()));

        c.logs().register(namespace(), name(), container.getName(), log);
        c.containerSlots().acquire();
        ContainerRun process;
        try {
            synchronized (this) {
                checkStopped();
                process = command.inProcess() != null && !hang
                        ? InProcessContainer.start(command.inProcess(), argv, log, c.programThreads())
                        : ContainerProcess.start(argv, env, workingDir, log, RunAs.of(pod, container, c.images().user(container)));
                running.add(process);
                status.running(container, init);
            }
            writeStatus();
            Optional<Disruption> disruption = c.faults().disruptionOnStart(pod, container);
            if (disruption.isPresent()) {
                disrupt(disruption.get());
            }
            int exit = process.waitFor();
            synchronized (this) {
                running.remove(process);
                checkStopped();
            }
            Optional<String> replaced = c.faults().terminationMessage(pod, container);
            if (replaced.isPresent()) {
                Files.writeString(terminationFile, replaced.get());
            }
            status.terminated(container, init, exit, exit == 0 ? "Completed" : "Error",
                    TerminationMessages.ofContainer(pod, container, exit, terminationFile, log));
            return exit;
        } finally {
            c.containerSlots().release();
        }
    }

    private void pullImage(Container container, boolean init) throws InterruptedException, Stopped {
        for (int round = 0; c.faults().imagePullFails(pod, container); round++) {
            String image = container.getImage();
            if (round % 2 == 0) {
                status.waiting(container, init, "ErrImagePull", "failed to pull and unpack image \"" + image
                        + "\": failed to resolve reference \"" + image + "\": " + image + ": not found");
            } else {
                status.waiting(container, init, "ImagePullBackOff", "Back-off pulling image \"" + image + "\"");
            }
            writeStatus();
            sleep(c.settings().retryInterval());
        }
    }

    private void finish(boolean succeeded, String reason, String message) {
        synchronized (this) {
            if (stop != null || status.isTerminal()) {
                return;
            }
            status.finished(succeeded, reason, message);
        }
        writeStatus();
    }

    private void writeStatus() {
        synchronized (this) {
            if (stop == Stop.DELETED) {
                return;
            }
        }
        try {
            status.write();
        } catch (RuntimeException e) {
            LOG.warn("pod {}/{}: writing the status failed: {}", namespace(), name(), e.toString());
        }
    }

    private synchronized void checkStopped() throws Stopped {
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

    private List<Container> allContainers() {
        List<Container> all = new ArrayList<>(pod.getSpec().getInitContainers());
        all.addAll(pod.getSpec().getContainers());
        return all;
    }
}
