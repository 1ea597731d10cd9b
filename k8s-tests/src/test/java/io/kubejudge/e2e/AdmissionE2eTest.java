package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec.Priority;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.testcluster.fault.FaultHandle;
import io.kubejudge.testcluster.fault.Pods;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admission: priority before age, fairness between users, and a pool's slots as the limit. */
class AdmissionE2eTest extends E2eScenario {

    private static final Duration JUDGED = Duration.ofMinutes(3);

    @BeforeAll
    void problem() {
        kubejudge.createProblem(TinyProblem.named("tiny", 1));
    }

    @Test
    void contestGoesFirstLowLastAndUsersTakeTurns() {
        kubejudge.createPool("order", 0);
        // Submitted in this order while the pool has no slot: one user's burst, another user's single
        // submission, a low-priority one and, last, a contest one.
        List<String[]> submissions = List.of(
                new String[] {"u1-first", "u1", "normal"},
                new String[] {"u1-second", "u1", "normal"},
                new String[] {"u1-third", "u1", "normal"},
                new String[] {"u2-only", "u2", "normal"},
                new String[] {"u1-low", "u1", "low"},
                new String[] {"u3-contest", "u3", "contest"});
        for (String[] s : submissions) {
            kubejudge.submission(s[0]).pool("order").problem("tiny").source(Language.PYTHON, TinyProblem.PYTHON_ACCEPTED)
                    .user(s[1]).priority(Priority.valueOf(s[2].toUpperCase())).create();
            kubejudge.await(s[0], JUDGED, "Queued", sub -> sub.getStatus() != null && sub.getStatus().getQueuedAt() != null);
        }
        // Queued, with positions in the order they will be admitted.
        kubejudge.await("u3-contest", JUDGED, "queue position 1", s -> Integer.valueOf(1).equals(s.getStatus().getQueuePosition()));
        kubejudge.await("u1-low", JUDGED, "queue position 6", s -> Integer.valueOf(6).equals(s.getStatus().getQueuePosition()));
        assertThat(kubejudge.jobs()).as("no Job while the pool has no slot")
                .noneMatch(j -> "order".equals(j.getMetadata().getLabels().get("kubejudge.io/pool")));

        kubejudge.setReplicas("order", 1);
        List<JudgeSubmission> done = submissions.stream().map(s -> kubejudge.awaitVerdict(s[0], Verdict.ACCEPTED, JUDGED)).toList();
        List<String> order = done.stream()
                .sorted(Comparator.comparing(s -> java.time.Instant.parse(s.getStatus().getAdmittedAt())))
                .map(s -> s.getMetadata().getName()).toList();
        assertThat(order.get(0)).isEqualTo("u3-contest");
        assertThat(order.get(order.size() - 1)).isEqualTo("u1-low");
        // Round robin over users: u2's one submission does not wait behind u1's whole burst.
        assertThat(order.subList(1, 5)).containsExactly("u1-first", "u2-only", "u1-second", "u1-third");
    }

    @Test
    void aPoolNeverRunsMoreJudgesThanItsSlots() {
        kubejudge.createPool("capacity", 2);
        // A judge occupies its slot from admission (phase Running) until its verdict is written, and its pod runs
        // in between. (A Job's Complete condition may lag behind the verdict: that is the Job controller's pace.)
        ConcurrencyTracker<JudgeSubmission> running = new ConcurrencyTracker<>(s -> KubeJudgeApi.phase(s) == Phase.RUNNING);
        ConcurrencyTracker<Pod> pods = new ConcurrencyTracker<>(p -> p.getStatus() == null
                || !Set.of("Succeeded", "Failed").contains(p.getStatus().getPhase()));
        SharedIndexInformer<JudgeSubmission> submissionInformer = client.resources(JudgeSubmission.class).inNamespace(namespace)
                .inform(running, 0);
        SharedIndexInformer<Pod> podInformer = client.pods().inNamespace(namespace).withLabel("kubejudge.io/pool", "capacity")
                .inform(pods, 0);
        try {
            for (int i = 1; i <= 8; i++) {
                kubejudge.submission("cap-" + i).pool("capacity").problem("tiny").source(Language.PYTHON, TinyProblem.PYTHON_ACCEPTED)
                        .user("user-" + i).create();
            }
            for (int i = 1; i <= 8; i++) {
                kubejudge.awaitVerdict("cap-" + i, Verdict.ACCEPTED, JUDGED);
            }
        } finally {
            submissionInformer.close();
            podInformer.close();
        }
        assertThat(running.most()).as("most submissions of the pool Running at once").isEqualTo(2);
        assertThat(pods.most()).as("most judge pods of the pool running at once").isEqualTo(2);
    }

    /** The most objects at once for which a condition held, as seen by an informer. */
    private static final class ConcurrencyTracker<T extends io.fabric8.kubernetes.api.model.HasMetadata>
            implements ResourceEventHandler<T> {
        private final java.util.function.Predicate<T> counts;
        private final Set<String> now = ConcurrentHashMap.newKeySet();
        private final AtomicInteger most = new AtomicInteger();

        ConcurrencyTracker(java.util.function.Predicate<T> counts) {
            this.counts = counts;
        }

        @Override
        public void onAdd(T obj) {
            onUpdate(null, obj);
        }

        @Override
        public synchronized void onUpdate(T old, T obj) {
            if (counts.test(obj)) {
                now.add(obj.getMetadata().getName());
            } else {
                now.remove(obj.getMetadata().getName());
            }
            most.accumulateAndGet(now.size(), Math::max);
        }

        @Override
        public synchronized void onDelete(T obj, boolean unknown) {
            now.remove(obj.getMetadata().getName());
        }

        int most() {
            return most.get();
        }
    }

    @Test
    void scalingDownStopsAdmittingButNeverKillsARunningJudge() {
        kubejudge.createPool("shrink", 2);
        // The first two pods cannot be scheduled until released: two judges admitted and in flight.
        try (FaultHandle held = faults().holdScheduling(Pods.ofJobsNamedLike("shrink-"))) {
            kubejudge.submission("shrink-a").pool("shrink").problem("tiny").source(Language.PYTHON, TinyProblem.PYTHON_ACCEPTED).user("a").create();
            kubejudge.submission("shrink-b").pool("shrink").problem("tiny").source(Language.PYTHON, TinyProblem.PYTHON_ACCEPTED).user("b").create();
            kubejudge.await("shrink-a", JUDGED, "Running", s -> KubeJudgeApi.phase(s) == Phase.RUNNING);
            kubejudge.await("shrink-b", JUDGED, "Running", s -> KubeJudgeApi.phase(s) == Phase.RUNNING);
            kubejudge.setReplicas("shrink", 1);
            kubejudge.submission("shrink-c").pool("shrink").problem("tiny").source(Language.PYTHON, TinyProblem.PYTHON_ACCEPTED).user("c").create();
            kubejudge.await("shrink-c", JUDGED, "Queued", s -> s.getStatus() != null && s.getStatus().getQueuedAt() != null);
            // Some time for a wrong operator to act on the scale-down.
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertThat(kubejudge.jobsOf("shrink-a")).hasSize(1);
            assertThat(kubejudge.jobsOf("shrink-b")).hasSize(1);
            assertThat(KubeJudgeApi.phase(kubejudge.get("shrink-c"))).isEqualTo(Phase.QUEUED);
        }
        for (String name : List.of("shrink-a", "shrink-b", "shrink-c")) {
            kubejudge.awaitVerdict(name, Verdict.ACCEPTED, JUDGED);
        }
        JudgeSubmission a = kubejudge.get("shrink-a");
        JudgeSubmission b = kubejudge.get("shrink-b");
        JudgeSubmission c = kubejudge.get("shrink-c");
        java.time.Instant firstDone = java.time.Instant.parse(a.getStatus().getCompletedAt())
                .isBefore(java.time.Instant.parse(b.getStatus().getCompletedAt()))
                ? java.time.Instant.parse(a.getStatus().getCompletedAt()) : java.time.Instant.parse(b.getStatus().getCompletedAt());
        java.time.Instant lastDone = java.time.Instant.parse(a.getStatus().getCompletedAt())
                .isAfter(java.time.Instant.parse(b.getStatus().getCompletedAt()))
                ? java.time.Instant.parse(a.getStatus().getCompletedAt()) : java.time.Instant.parse(b.getStatus().getCompletedAt());
        // With one slot and two judges still running, the third waits for both.
        assertThat(java.time.Instant.parse(c.getStatus().getAdmittedAt())).isAfter(firstDone).isAfterOrEqualTo(lastDone);
        assertThat(a.getStatus().getAttempts()).isEqualTo(1);
        assertThat(b.getStatus().getAttempts()).isEqualTo(1);
    }
}
