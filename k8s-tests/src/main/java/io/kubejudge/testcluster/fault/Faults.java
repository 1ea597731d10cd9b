package io.kubejudge.testcluster.fault;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Fault injection into the in-JVM test cluster. Each rule selects pods (see {@link Pods}) and stays
 * in force until its {@link FaultHandle} is closed; the stand-in kubelet consults the rules at the
 * points where a real cluster could fail: scheduling, image pull, container start, container exit.
 */
public final class Faults {

    private record Rule(Kind kind, Predicate<Pod> pods, String container, Object value, AtomicInteger remaining,
                        FaultHandle handle) {
        boolean applies(Pod pod, String containerName) {
            return pods.test(pod) && (container == null || container.equals(containerName));
        }
    }

    private enum Kind { HOLD_SCHEDULING, DELAY_SCHEDULING, FAIL_IMAGE_PULL, HANG, TERMINATION_MESSAGE, DISRUPT_ON_START,
        EXPIRE_JOB_DEADLINE }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<String>> deadlineListeners = new CopyOnWriteArrayList<>();
    private final PodDisruptor disruptor;

    public Faults(PodDisruptor disruptor) {
        this.disruptor = disruptor;
    }

    // ---- what tests call ----

    /** Takes a running pod away now: containers killed, pod Failed with a DisruptionTarget condition. */
    public boolean disrupt(String namespace, String podName, Disruption disruption) {
        return disruptor.disrupt(namespace, podName, disruption);
    }

    /**
     * Disrupts the selected pods when their container {@code container} starts, {@code times} times
     * in all (each disruption consumes one); the deterministic way to lose a pod mid-judging.
     */
    public FaultHandle disruptWhenContainerStarts(Predicate<Pod> pods, String container, Disruption disruption, int times) {
        return add(Kind.DISRUPT_ON_START, pods, container, disruption, times);
    }

    /** Selected pods stay Pending with {@code PodScheduled=False, reason Unschedulable} until lifted. */
    public FaultHandle holdScheduling(Predicate<Pod> pods) {
        return add(Kind.HOLD_SCHEDULING, pods, null, null, Integer.MAX_VALUE);
    }

    /** Selected pods are Unschedulable for {@code delay}, then scheduled. */
    public FaultHandle delayScheduling(Predicate<Pod> pods, Duration delay) {
        return add(Kind.DELAY_SCHEDULING, pods, null, delay, Integer.MAX_VALUE);
    }

    /** Pulling the selected pods' images fails (ErrImagePull, then ImagePullBackOff) until lifted. */
    public FaultHandle failImagePull(Predicate<Pod> pods) {
        return add(Kind.FAIL_IMAGE_PULL, pods, null, null, Integer.MAX_VALUE);
    }

    /** The container runs forever instead of its command (until killed). */
    public FaultHandle hangContainer(Predicate<Pod> pods, String container) {
        return add(Kind.HANG, pods, container, null, Integer.MAX_VALUE);
    }

    /** After the container exits, its termination message file holds {@code content} instead. */
    public FaultHandle replaceTerminationMessage(Predicate<Pod> pods, String container, String content) {
        return add(Kind.TERMINATION_MESSAGE, pods, container, content, Integer.MAX_VALUE);
    }

    /**
     * The Jobs named {@code <prefix>...} reach their {@code activeDeadlineSeconds} now, as if that much
     * time had passed (a deadline of minutes, tested in seconds); the Job controller hears of it at once.
     */
    public FaultHandle expireJobDeadlines(String jobNamePrefix) {
        Rule[] self = new Rule[1];
        FaultHandle handle = new FaultHandle(() -> rules.remove(self[0]));
        self[0] = new Rule(Kind.EXPIRE_JOB_DEADLINE, p -> true, null, jobNamePrefix, new AtomicInteger(Integer.MAX_VALUE), handle);
        rules.add(self[0]);
        deadlineListeners.forEach(l -> l.accept(jobNamePrefix));
        return handle;
    }

    /** The Job controller asks to hear when deadlines are expired, to look at those Jobs again. */
    public void onJobDeadlinesExpired(java.util.function.Consumer<String> jobNamePrefixListener) {
        deadlineListeners.add(jobNamePrefixListener);
    }

    // ---- what the Job controller asks ----

    public boolean jobDeadlineExpired(String jobName) {
        for (Rule rule : rules) {
            if (rule.kind() == Kind.EXPIRE_JOB_DEADLINE && jobName.startsWith((String) rule.value())) {
                rule.handle().hit(jobName);
                return true;
            }
        }
        return false;
    }

    // ---- what the kubelet asks ----

    public boolean schedulingHeld(Pod pod) {
        return strike(Kind.HOLD_SCHEDULING, pod, null).isPresent();
    }

    public Optional<Duration> schedulingDelay(Pod pod) {
        return strike(Kind.DELAY_SCHEDULING, pod, null).map(Duration.class::cast);
    }

    public boolean imagePullFails(Pod pod, Container container) {
        return strike(Kind.FAIL_IMAGE_PULL, pod, container.getName()).isPresent();
    }

    public boolean hangs(Pod pod, Container container) {
        return strike(Kind.HANG, pod, container.getName()).isPresent();
    }

    public Optional<String> terminationMessage(Pod pod, Container container) {
        return strike(Kind.TERMINATION_MESSAGE, pod, container.getName()).map(String.class::cast);
    }

    public Optional<Disruption> disruptionOnStart(Pod pod, Container container) {
        return strike(Kind.DISRUPT_ON_START, pod, container.getName()).map(Disruption.class::cast);
    }

    private FaultHandle add(Kind kind, Predicate<Pod> pods, String container, Object value, int times) {
        Rule[] self = new Rule[1];
        FaultHandle handle = new FaultHandle(() -> rules.remove(self[0]));
        self[0] = new Rule(kind, pods, container, value, new AtomicInteger(times), handle);
        rules.add(self[0]);
        return handle;
    }

    private Optional<Object> strike(Kind kind, Pod pod, String container) {
        for (Rule rule : rules) {
            if (rule.kind() == kind && rule.applies(pod, container) && rule.remaining().getAndDecrement() > 0) {
                rule.handle().hit(pod.getMetadata().getUid());
                return Optional.of(rule.value() == null ? Boolean.TRUE : rule.value());
            }
        }
        return Optional.empty();
    }
}
