package io.kubejudge.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.MockCluster;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Removing our finalizer from a judge pod, and only ours, against the mock API server. */
class PodFinalizerTest {
    static final String JOB_TRACKING = "batch.kubernetes.io/job-tracking";

    MockCluster cluster;
    KubernetesClient client;
    PodFinalizer finalizer;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        client = cluster.client();
        finalizer = new PodFinalizer(client);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    Pod create(String name, String... finalizers) {
        return client.pods().inNamespace(Fixtures.NS).resource(new PodBuilder()
                .withNewMetadata().withName(name).withFinalizers(finalizers).endMetadata()
                .withNewSpec().addNewContainer().withName("check").withImage("judge").endContainer().endSpec()
                .build()).create();
    }

    Pod get(String name) {
        return client.pods().inNamespace(Fixtures.NS).withName(name).get();
    }

    @Test
    void onlyOurEntryIsRemoved() {
        Pod pod = create("p1", JOB_TRACKING, PodFinalizer.NAME, "example.com/other");
        assertThat(PodFinalizer.holds(pod)).isTrue();
        finalizer.release(pod);
        assertThat(get("p1").getMetadata().getFinalizers()).containsExactly(JOB_TRACKING, "example.com/other");
        assertThat(PodFinalizer.holds(get("p1"))).isFalse();
    }

    @Test
    void aListChangedSinceThePodWasReadIsReadAgainAndNothingElseIsRemoved() {
        Pod stale = create("p2", JOB_TRACKING, PodFinalizer.NAME);
        // The Job controller took its entry out after we read the pod: ours moved to index 0.
        Pod live = get("p2");
        live.getMetadata().setFinalizers(new java.util.ArrayList<>(List.of(PodFinalizer.NAME, "example.com/other")));
        client.pods().inNamespace(Fixtures.NS).resource(live).update();
        finalizer.release(stale);
        assertThat(get("p2").getMetadata().getFinalizers()).containsExactly("example.com/other");
    }

    @Test
    void aDeletedPodGoesOnceItIsLetGoOf() {
        create("p3", PodFinalizer.NAME);
        client.pods().inNamespace(Fixtures.NS).withName("p3").delete();
        Pod held = get("p3");
        assertThat(held).isNotNull();
        assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
        finalizer.release(held);
        assertThat(get("p3")).isNull();
        // Again, and for a pod that never held it: nothing to do, no error.
        finalizer.release(held);
        finalizer.release(create("p4"));
        assertThat(get("p4").getMetadata().getDeletionTimestamp()).isNull();
    }
}
