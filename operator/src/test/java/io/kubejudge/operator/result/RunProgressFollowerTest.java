package io.kubejudge.operator.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubejudge.model.result.RunProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunProgressFollowerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private final AtomicReference<RunProgress> log = new AtomicReference<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<RunProgress> told = new ArrayList<>();
    private final RunProgressFollower follower = new RunProgressFollower(INTERVAL, pod -> {
        reads.incrementAndGet();
        return Optional.ofNullable(log.get());
    });

    /** A judge pod whose compile step is done and whose run step is in the given state. */
    private static Pod pod(String runState) {
        ContainerStatusBuilder run = new ContainerStatusBuilder().withName("run");
        switch (runState) {
            case "waiting" -> run.withNewState().withNewWaiting().withReason("PodInitializing").endWaiting().endState();
            case "running" -> run.withNewState().withNewRunning().withStartedAt("2026-12-02T10:00:00Z").endRunning().endState();
            default -> run.withNewState().withNewTerminated().withExitCode(0).endTerminated().endState();
        }
        return new PodBuilder().withNewMetadata().withName("s-1-abc").withNamespace("ns").endMetadata()
                .withNewStatus().withInitContainerStatuses(
                        new ContainerStatusBuilder().withName("compile").withNewState().withNewTerminated().withExitCode(0)
                                .endTerminated().endState().build(),
                        run.build())
                .endStatus().build();
    }

    @Test
    void onlyARunningRunStepIsRead() {
        assertThat(follower.follow("ns", "s-1", List.of(pod("waiting")), told::add)).isEmpty();
        assertThat(follower.follow("ns", "s-1", List.of(pod("terminated")), told::add)).isEmpty();
        assertThat(follower.follow("ns", "s-1", List.of(), told::add)).isEmpty();
        assertThat(reads).hasValue(0);
    }

    @Test
    void eachAdvanceIsToldOnceAndTheNextLookIsAnIntervalAway() {
        Pod running = pod("running");
        assertThat(follower.follow("ns", "s-1", List.of(running), told::add)).contains(INTERVAL);
        assertThat(told).as("nothing ran yet").isEmpty();

        log.set(new RunProgress(1, 5));
        follower.follow("ns", "s-1", List.of(running), told::add);
        follower.follow("ns", "s-1", List.of(running), told::add);
        log.set(new RunProgress(3, 5));
        follower.follow("ns", "s-1", List.of(running), told::add);

        assertThat(told).containsExactly(new RunProgress(1, 5), new RunProgress(3, 5));
        assertThat(reads).hasValue(4);
    }

    @Test
    void judgingsAreToldApartByNamespaceAndJob() {
        log.set(new RunProgress(2, 5));
        follower.follow("ns", "s-1", List.of(pod("running")), told::add);
        follower.follow("other", "s-1", List.of(pod("running")), told::add);
        follower.follow("ns", "s-2", List.of(pod("running")), told::add);
        assertThat(told).hasSize(3);
    }

    @Test
    void nothingIsKeptOnceTheRunStepEndsOrTheJudgingGoes() {
        log.set(new RunProgress(2, 5));
        follower.follow("ns", "s-1", List.of(pod("running")), told::add);
        follower.follow("ns", "s-2", List.of(pod("running")), told::add);
        assertThat(follower.following()).isEqualTo(2);

        follower.follow("ns", "s-1", List.of(pod("terminated")), told::add);
        follower.forget("ns", "s-2");
        assertThat(follower.following()).isZero();
    }

    @Test
    void aZeroIntervalTurnsItOff() {
        RunProgressFollower off = new RunProgressFollower(Duration.ZERO, pod -> {
            reads.incrementAndGet();
            return Optional.of(new RunProgress(1, 1));
        });
        assertThat(off.follow("ns", "s-1", List.of(pod("running")), told::add)).isEmpty();
        assertThat(reads).hasValue(0);
        assertThat(told).isEmpty();
    }
}
