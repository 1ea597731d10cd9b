package io.kubejudge.operator.result;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubejudge.model.result.RunProgress;
import io.kubejudge.operator.job.JobFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Per-test progress of running judges, for the live streams. A judge pod has no network to tell
 * anyone, so the operator looks: the last progress line of the {@code run} step's log, every
 * interval while that step runs. Only an advance is told, so an idle poll costs one log request.
 */
public final class RunProgressFollower {
    private final Duration interval;
    private final Function<Pod, Optional<RunProgress>> readLog;
    /** Tests told so far, per judging (its Job) in its run step. */
    private final Map<String, Integer> told = new ConcurrentHashMap<>();

    /**
     * @param interval zero turns following off
     * @param readLog  the run step's progress as its log says now (empty when the log cannot be read)
     */
    public RunProgressFollower(Duration interval, Function<Pod, Optional<RunProgress>> readLog) {
        this.interval = interval;
        this.readLog = readLog;
    }

    /**
     * Tells {@code advanced} when the judging's run step got further since last time.
     *
     * @return when to look again; empty when the run step is not running (or following is off)
     */
    public Optional<Duration> follow(String namespace, String jobName, Collection<Pod> jobPods, Consumer<RunProgress> advanced) {
        String key = namespace + "/" + jobName;
        Optional<Pod> running = jobPods.stream().filter(RunProgressFollower::runStepRunning).findFirst();
        if (interval.isZero() || running.isEmpty()) {
            told.remove(key);
            return Optional.empty();
        }
        readLog.apply(running.get()).ifPresent(p -> {
            Integer before = told.put(key, p.done());
            if (p.done() > (before == null ? 0 : before)) {
                advanced.accept(p);
            }
        });
        return Optional.of(interval);
    }

    /** The judging ended (or went): nothing more to follow. */
    public void forget(String namespace, String jobName) {
        if (jobName != null) {
            told.remove(namespace + "/" + jobName);
        }
    }

    /** Judgings being followed (for tests: the map must not grow with finished ones). */
    int following() {
        return told.size();
    }

    static boolean runStepRunning(Pod pod) {
        return pod != null && pod.getMetadata().getDeletionTimestamp() == null
                && ContainerStatuses.state(pod, JobFactory.RUN).map(s -> s.getRunning() != null).orElse(false);
    }
}
