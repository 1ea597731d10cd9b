package io.kubejudge.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.OperatorSettings;
import org.junit.jupiter.api.Test;

class JobSummaryStoreTest {

    @Test
    void keepsWhatFollowingAJudgingNeedsAndDropsThePodTemplate() {
        Job job = new JobFactory(OperatorSettings.builder().build()).build(Fixtures.submission("sub-7"),
                Fixtures.problem("aplusb", 2).getSpec(), Fixtures.pool("default", 4), TestDataLayout.unknown(), 0, 1);
        job.getMetadata().setResourceVersion("42");
        job.setStatus(new JobStatusBuilder().addToConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
                .withReason("DeadlineExceeded").build()).build());
        JobSummaryStore store = new JobSummaryStore();

        store.put(store.getKey(job), job);
        Job kept = store.get(Fixtures.NS + "/sub-7-1");

        assertThat(kept.getSpec().getTemplate()).isNull();
        assertThat(kept.getSpec().getActiveDeadlineSeconds()).isEqualTo(job.getSpec().getActiveDeadlineSeconds());
        assertThat(kept.getMetadata().getName()).isEqualTo("sub-7-1");
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(kept.getMetadata().getLabels()).isEqualTo(job.getMetadata().getLabels());
        assertThat(kept.getMetadata().getOwnerReferences()).isEqualTo(job.getMetadata().getOwnerReferences());
        assertThat(kept.getStatus().getConditions()).singleElement()
                .satisfies(c -> assertThat(c.getReason()).isEqualTo("DeadlineExceeded"));
        // The informer's own object is left whole: its listeners see the full Job.
        assertThat(job.getSpec().getTemplate().getSpec().getContainers()).isNotEmpty();
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.remove(Fixtures.NS + "/sub-7-1")).isSameAs(kept);
        assertThat(store.size()).isZero();
    }
}
