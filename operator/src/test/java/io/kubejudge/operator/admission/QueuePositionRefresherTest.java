package io.kubejudge.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec.Priority;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueuePositionRefresherTest {
    private final PoolKey pool = new PoolKey("ns", "default");
    private final AdmissionQueue queue = new AdmissionQueue();
    private final QueuePositionRefresher refresher = new QueuePositionRefresher(queue, Duration.ZERO);
    private final List<String> woken = new ArrayList<>();

    @Test
    void wakesOnlySubmissionsWhosePlaceMovedEnoughAndAtMostABudgetHeadFirst() {
        queue.markRebuilt();
        refresher.start((ns, name) -> woken.add(name));
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            queue.enqueue(pool, "s" + i, "u" + i, Priority.NORMAL);
            refresher.written(pool, "s" + i, i + 1);
        }

        refresher.refresh();
        assertThat(woken).as("nobody moved").isEmpty();

        // Half the queue admitted at once: everybody left moved by half their place.
        queue.setCapacity(pool, n / 2);
        queue.admit(pool);
        refresher.refresh();

        assertThat(woken).hasSize(QueuePositionRefresher.MAX_WAKES_PER_REFRESH);
        List<String> head = new ArrayList<>();
        for (int i = 0; i < QueuePositionRefresher.MAX_WAKES_PER_REFRESH; i++) {
            head.add("s" + (n / 2 + i));
        }
        assertThat(woken).containsExactlyElementsOf(head);
    }
}
