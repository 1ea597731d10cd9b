package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The status the kubelet reports for one pod: phase, conditions and the state of every init and
 * regular container, kept here and written to the API server as a whole (the kubelet is the only
 * writer of a pod's status).
 */
final class PodStatusTracker {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final List<Container> initContainers;
    private final List<Container> containers;
    private final PodStatus status = new PodStatus();
    private final List<ContainerStatus> initStatuses = new ArrayList<>();
    private final List<ContainerStatus> containerStatuses = new ArrayList<>();

    PodStatusTracker(KubernetesClient client, Pod pod) {
        this.client = client;
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
        this.initContainers = pod.getSpec().getInitContainers();
        this.containers = pod.getSpec().getContainers();
        status.setPhase("Pending");
        status.setQosClass(qosClass(pod));
        for (Container c : initContainers) {
            initStatuses.add(waitingStatus(c, "PodInitializing", null));
        }
        for (Container c : containers) {
            containerStatuses.add(waitingStatus(c, "PodInitializing", null));
        }
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    synchronized void unschedulable(String message) {
        condition("PodScheduled", "False", "Unschedulable", message);
    }

    synchronized void scheduled(String nodeName) {
        condition("PodScheduled", "True", null, null);
        status.setHostIP("127.0.0.1");
        status.setHostIPs(List.of(new io.fabric8.kubernetes.api.model.HostIPBuilder().withIp("127.0.0.1").build()));
        status.setStartTime(now());
        condition("PodReadyToStartContainers", "False", null, null);
        condition("Initialized", initContainers.isEmpty() ? "True" : "False",
                initContainers.isEmpty() ? null : "ContainersNotInitialized",
                initContainers.isEmpty() ? null : "containers with incomplete status: " + names(initContainers));
        condition("Ready", "False", "ContainersNotReady", "containers with unready status: " + names(containers));
        condition("ContainersReady", "False", "ContainersNotReady", "containers with unready status: " + names(containers));
    }

    synchronized void sandboxReady() {
        sandboxReady("127.0.0.1");
    }

    /** The pod's sandbox is up with this IP (a Docker pod's own address; a process pod shares the host's). */
    synchronized void sandboxReady(String podIP) {
        condition("PodReadyToStartContainers", "True", null, null);
        status.setPodIP(podIP);
        status.setPodIPs(List.of(new PodIPBuilder().withIp(podIP).build()));
    }

    synchronized void waiting(Container c, boolean init, String reason, String message) {
        set(c, init, waitingStatus(c, reason, message));
    }

    synchronized void running(Container c, boolean init) {
        ContainerStatus s = baseStatus(c).withStarted(true).withReady(!init)
                .withContainerID("containerd://" + UUID.randomUUID().toString().replace("-", ""))
                .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(now()).endRunning().build())
                .build();
        ContainerStatus previous = find(c, init);
        s.setRestartCount(previous.getRestartCount());
        s.setLastState(previous.getLastState());
        set(c, init, s);
        if (!init) {
            status.setPhase("Running");
        }
        if (init) {
            return;
        }
        condition("Initialized", "True", null, null);
        boolean allRunning = containerStatuses.stream().allMatch(cs -> cs.getState().getRunning() != null);
        if (allRunning) {
            condition("Ready", "True", null, null);
            condition("ContainersReady", "True", null, null);
        }
    }

    /**
     * A regular container runs, probes decide the rest: {@code started} after its startup probe,
     * {@code ready} after its readiness probe ({@link #probed}).
     */
    synchronized void runningProbed(Container c, String containerId, int restartCount, boolean started, boolean ready) {
        ContainerStatus previous = find(c, false);
        // A container started again: the previous instance's end is its last state.
        ContainerState last = previous.getState() != null && previous.getState().getTerminated() != null
                ? previous.getState() : previous.getLastState();
        set(c, false, baseStatus(c).withStarted(started).withReady(ready).withContainerID(containerId)
                .withRestartCount(restartCount).withLastState(last)
                .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(now()).endRunning().build())
                .build());
        status.setPhase("Running");
        condition("Initialized", "True", null, null);
        updateReadiness();
    }

    /** What the probes of a running regular container found. */
    synchronized void probed(Container c, boolean started, boolean ready) {
        ContainerStatus current = find(c, false);
        if (current.getState() == null || current.getState().getRunning() == null) {
            return;
        }
        set(c, false, new ContainerStatusBuilder(current).withStarted(started).withReady(ready).build());
        updateReadiness();
    }

    /**
     * A regular container ended and will be started again after a back-off: its end becomes
     * {@code lastState} and it waits in {@code CrashLoopBackOff} (the restart count goes up when it
     * starts again, as the kubelet counts the runtime's container instances).
     */
    synchronized void backingOff(Container c, String message) {
        ContainerStatus ended = find(c, false);
        set(c, false, baseStatus(c).withReady(false).withStarted(false)
                .withRestartCount(ended.getRestartCount())
                .withLastState(ended.getState())
                .withState(new ContainerStateBuilder().withNewWaiting().withReason("CrashLoopBackOff").withMessage(message)
                        .endWaiting().build())
                .build());
        updateReadiness();
    }

    /** Pod Ready and ContainersReady follow the regular containers' {@code ready}. */
    private void updateReadiness() {
        List<String> unready = new ArrayList<>();
        for (ContainerStatus cs : containerStatuses) {
            if (!Boolean.TRUE.equals(cs.getReady())) {
                unready.add(cs.getName());
            }
        }
        if (unready.isEmpty()) {
            condition("Ready", "True", null, null);
            condition("ContainersReady", "True", null, null);
        } else {
            String message = "containers with unready status: [" + String.join(" ", unready) + "]";
            condition("Ready", "False", "ContainersNotReady", message);
            condition("ContainersReady", "False", "ContainersNotReady", message);
        }
    }

    synchronized void terminated(Container c, boolean init, int exitCode, String reason, String message) {
        ContainerStatus current = find(c, init);
        String startedAt = current.getState() != null && current.getState().getRunning() != null
                ? current.getState().getRunning().getStartedAt() : now();
        ContainerState state = new ContainerStateBuilder().withNewTerminated()
                .withExitCode(exitCode)
                .withReason(reason)
                .withMessage(message == null || message.isEmpty() ? null : message)
                .withStartedAt(startedAt)
                .withFinishedAt(now())
                .withContainerID(current.getContainerID())
                .endTerminated().build();
        set(c, init, new ContainerStatusBuilder(current).withReady(false).withStarted(false).withState(state).build());
    }

    /** Pod readiness again from the containers' (a long-running pod's container ended). */
    synchronized void refreshReadiness() {
        updateReadiness();
    }

    /** Running containers are killed: they end terminated with exit code 137. */
    synchronized void killRunning(String reason, String message) {
        for (int i = 0; i < initContainers.size(); i++) {
            if (initStatuses.get(i).getState().getRunning() != null) {
                terminated(initContainers.get(i), true, 137, reason, message);
            }
        }
        for (int i = 0; i < containers.size(); i++) {
            if (containerStatuses.get(i).getState().getRunning() != null) {
                terminated(containers.get(i), false, 137, reason, message);
            }
        }
    }

    synchronized void initFinished() {
        condition("Initialized", "True", null, null);
    }

    synchronized void finished(boolean succeeded, String reason, String message) {
        status.setPhase(succeeded ? "Succeeded" : "Failed");
        status.setReason(reason);
        status.setMessage(message);
        String why = succeeded ? "PodCompleted" : "PodFailed";
        condition("PodReadyToStartContainers", "False", null, null);
        condition("Ready", "False", why, null);
        condition("ContainersReady", "False", why, null);
    }

    synchronized void disrupted(String reason, String message) {
        condition("DisruptionTarget", "True", reason, message);
    }

    /** Writes the status; false when the pod is gone. */
    boolean write() {
        PodStatus snapshot;
        synchronized (this) {
            status.setInitContainerStatuses(List.copyOf(initStatuses));
            status.setContainerStatuses(List.copyOf(containerStatuses));
            snapshot = client.getKubernetesSerialization().clone(status);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                Pod current = client.pods().inNamespace(namespace).withName(name).get();
                if (current == null) {
                    return false;
                }
                current.setStatus(snapshot);
                client.pods().inNamespace(namespace).resource(current).updateStatus();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return false;
                }
                if (e.getCode() != 409 || attempt > 10) {
                    throw e;
                }
            }
        }
    }

    synchronized boolean isTerminal() {
        return "Succeeded".equals(status.getPhase()) || "Failed".equals(status.getPhase());
    }

    private void condition(String type, String value, String reason, String message) {
        List<PodCondition> conditions = new ArrayList<>(status.getConditions());
        PodCondition existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        if (existing != null && value.equals(existing.getStatus()) && java.util.Objects.equals(reason, existing.getReason())
                && java.util.Objects.equals(message, existing.getMessage())) {
            return;
        }
        String since = existing != null && value.equals(existing.getStatus()) ? existing.getLastTransitionTime() : now();
        PodCondition updated = new PodConditionBuilder().withType(type).withStatus(value).withReason(reason)
                .withMessage(message).withLastTransitionTime(since).withLastProbeTime(null).build();
        if (existing != null) {
            conditions.set(conditions.indexOf(existing), updated);
        } else {
            conditions.add(updated);
        }
        status.setConditions(conditions);
    }

    private ContainerStatus find(Container c, boolean init) {
        return (init ? initStatuses : containerStatuses).get((init ? initContainers : containers).indexOf(c));
    }

    private void set(Container c, boolean init, ContainerStatus s) {
        (init ? initStatuses : containerStatuses).set((init ? initContainers : containers).indexOf(c), s);
    }

    private static ContainerStatus waitingStatus(Container c, String reason, String message) {
        return baseStatus(c).withReady(false).withStarted(false)
                .withState(new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build())
                .build();
    }

    private static ContainerStatusBuilder baseStatus(Container c) {
        return new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                .withImageID(c.getImage().contains("@") ? c.getImage() : "")
                .withRestartCount(0)
                .withLastState(new ContainerState());
    }

    private static String names(List<Container> containers) {
        return "[" + String.join(" ", containers.stream().map(Container::getName).toList()) + "]";
    }

    private static String qosClass(Pod pod) {
        boolean guaranteed = true;
        boolean any = false;
        for (Container c : concat(pod.getSpec().getInitContainers(), pod.getSpec().getContainers())) {
            var r = c.getResources();
            var limits = r == null || r.getLimits() == null ? java.util.Map.<String, io.fabric8.kubernetes.api.model.Quantity>of() : r.getLimits();
            var requests = r == null || r.getRequests() == null ? java.util.Map.<String, io.fabric8.kubernetes.api.model.Quantity>of() : r.getRequests();
            any |= !limits.isEmpty() || !requests.isEmpty();
            for (String res : List.of("cpu", "memory")) {
                if (!limits.containsKey(res) || requests.containsKey(res) && !requests.get(res).equals(limits.get(res))) {
                    guaranteed = false;
                }
            }
        }
        return guaranteed && any ? "Guaranteed" : any ? "Burstable" : "BestEffort";
    }

    private static List<Container> concat(List<Container> a, List<Container> b) {
        List<Container> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
