package io.kubejudge.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec.Priority;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdmissionQueueTest {
    private final PoolKey pool = new PoolKey("ns", "default");
    private final AdmissionQueue queue = new AdmissionQueue();

    @org.junit.jupiter.api.BeforeEach
    void rebuilt() {
        queue.markRebuilt();
    }

    @Test
    void nothingIsAdmittedBeforeTheQueueIsRebuilt() {
        AdmissionQueue fresh = new AdmissionQueue();
        fresh.setCapacity(pool, 5);
        fresh.enqueue(pool, "a", "u", Priority.NORMAL);
        assertThat(fresh.admit(pool)).isEmpty();
        fresh.markRebuilt();
        assertThat(fresh.admit(pool)).containsExactly("a");
    }

    /** Admits everything one slot at a time, finishing each judging before the next. */
    private List<String> drainOneByOne() {
        queue.setCapacity(pool, 1);
        List<String> order = new ArrayList<>();
        while (true) {
            List<String> admitted = queue.admit(pool);
            if (admitted.isEmpty()) {
                return order;
            }
            order.addAll(admitted);
            admitted.forEach(n -> queue.release(pool, n));
        }
    }

    @Test
    void contestBeforeNormalBeforeLowThenOldestFirst() {
        queue.enqueue(pool, "low-1", "a", Priority.LOW);
        queue.enqueue(pool, "normal-1", "b", Priority.NORMAL);
        queue.enqueue(pool, "contest-1", "c", Priority.CONTEST);
        queue.enqueue(pool, "normal-2", "d", Priority.NORMAL);
        queue.enqueue(pool, "contest-2", "e", Priority.CONTEST);
        assertThat(drainOneByOne()).containsExactly("contest-1", "contest-2", "normal-1", "normal-2", "low-1");
    }

    @Test
    void oneUsersFloodDoesNotStarveOthers() {
        for (int i = 0; i < 500; i++) {
            queue.enqueue(pool, "flood-" + i, "flooder", Priority.NORMAL);
        }
        queue.enqueue(pool, "alice-0", "alice", Priority.NORMAL);
        queue.enqueue(pool, "bob-0", "bob", Priority.NORMAL);
        queue.enqueue(pool, "alice-1", "alice", Priority.NORMAL);
        List<String> order = drainOneByOne();
        assertThat(order).hasSize(503);
        assertThat(order.subList(0, 5)).containsExactly("flood-0", "alice-0", "bob-0", "flood-1", "alice-1");
        assertThat(order.indexOf("bob-0")).isLessThan(3);
        // the flooder's own submissions keep their age order
        List<String> flood = order.stream().filter(n -> n.startsWith("flood-")).toList();
        assertThat(flood).isEqualTo(java.util.stream.IntStream.range(0, 500).mapToObj(i -> "flood-" + i).toList());
    }

    @Test
    void latecomerGoesNextWhenTheOtherUserAlreadyHadTurns() {
        queue.setCapacity(pool, 1);
        for (int i = 0; i < 10; i++) {
            queue.enqueue(pool, "a-" + i, "a", Priority.NORMAL);
        }
        for (int i = 0; i < 4; i++) {
            queue.admit(pool).forEach(n -> queue.release(pool, n));
        }
        queue.enqueue(pool, "late", "b", Priority.NORMAL);
        assertThat(queue.position(pool, "late")).contains(1);
        assertThat(queue.waiting(pool)).extracting(QueueEntry::name).startsWith("late", "a-4", "a-5");
        queue.enqueue(pool, "late-2", "b", Priority.NORMAL);
        assertThat(queue.position(pool, "late-2")).as("then alternates with a").contains(3);
    }

    @Test
    void admitsOnlyUpToCapacityAndScaleDownStopsAdmittingWithoutTouchingHolders() {
        for (int i = 0; i < 6; i++) {
            queue.enqueue(pool, "s" + i, "u" + i, Priority.NORMAL);
        }
        queue.setCapacity(pool, 3);
        assertThat(queue.admit(pool)).containsExactly("s0", "s1", "s2");
        assertThat(queue.admit(pool)).isEmpty();
        assertThat(queue.running(pool)).isEqualTo(3);
        assertThat(queue.queued(pool)).isEqualTo(3);

        queue.setCapacity(pool, 1);
        queue.release(pool, "s0");
        assertThat(queue.admit(pool)).as("2 still run with 1 slot: nobody new").isEmpty();
        assertThat(queue.isHolding(pool, "s1")).isTrue();
        assertThat(queue.isHolding(pool, "s2")).isTrue();
        queue.release(pool, "s1");
        queue.release(pool, "s2");
        assertThat(queue.admit(pool)).containsExactly("s3");

        assertThat(queue.setCapacity(pool, 4)).isTrue();
        assertThat(queue.admit(pool)).containsExactly("s4", "s5");
    }

    @Test
    void enqueueIsIdempotentAndHoldersAreNeverQueuedAgain() {
        queue.enqueue(pool, "x", "u", Priority.NORMAL);
        queue.enqueue(pool, "x", "u", Priority.NORMAL);
        assertThat(queue.queued(pool)).isEqualTo(1);
        queue.hold(pool, "x");
        queue.enqueue(pool, "x", "u", Priority.NORMAL);
        assertThat(queue.queued(pool)).isZero();
        assertThat(queue.running(pool)).isEqualTo(1);
    }

    @Test
    void redisScoresSortLikeTheQueue() {
        for (int i = 0; i < 50; i++) {
            queue.enqueue(pool, "n" + i, "user" + (i % 7), i % 3 == 0 ? Priority.CONTEST : Priority.NORMAL);
        }
        List<QueueEntry> waiting = queue.waiting(pool);
        List<String> byScore = waiting.stream().sorted(java.util.Comparator.comparingDouble(QueueEntry::redisScore))
                .map(QueueEntry::name).collect(Collectors.toList());
        assertThat(byScore).isEqualTo(waiting.stream().map(QueueEntry::name).toList());
    }

    @Test
    void listenerMirrorsEveryEntryAndExit() {
        List<String> events = new ArrayList<>();
        queue.addListener(new AdmissionQueue.Listener() {
            public void queued(PoolKey p, QueueEntry e) { events.add("+" + e.name()); }
            public void left(PoolKey p, String name) { events.add("-" + name); }
        });
        queue.setCapacity(pool, 1);
        queue.enqueue(pool, "a", "u", Priority.NORMAL);
        queue.enqueue(pool, "b", "u", Priority.NORMAL);
        queue.admit(pool);
        queue.release(pool, "b");
        assertThat(events).containsExactly("+a", "+b", "-a", "-b");
    }

    @Test
    void aPausedPoolAdmitsNobodyAndARequeuedSubmissionGoesFirstWhenItResumes() {
        List<String> announced = new ArrayList<>();
        queue.addListener(new AdmissionQueue.Listener() {
            public void admitted(PoolKey p, String name) { announced.add(name); }
        });
        queue.setCapacity(pool, 1);
        queue.enqueue(pool, "a", "u1", Priority.NORMAL);
        assertThat(queue.admit(pool, "a")).containsExactly("a");
        assertThat(announced).as("the caller is not announced").isEmpty();
        queue.enqueue(pool, "b", "u2", Priority.NORMAL);
        queue.enqueue(pool, "c", "u3", Priority.NORMAL);

        queue.pause(pool);
        queue.requeueFirst(pool, "a", "u1", Priority.NORMAL);
        assertThat(queue.running(pool)).isZero();
        assertThat(queue.admit(pool)).as("paused: a free slot, nobody admitted").isEmpty();
        assertThat(queue.waiting(pool)).extracting(QueueEntry::name).containsExactly("a", "b", "c");

        assertThat(queue.resume(pool)).isTrue();
        assertThat(queue.admit(pool)).containsExactly("a");
        assertThat(announced).containsExactly("a");
    }
}
