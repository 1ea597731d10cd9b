package io.kubejudge.operator.submission;

import static io.kubejudge.operator.MockCluster.terminated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubejudge.model.result.NodeFault;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.MockCluster;
import io.kubejudge.testsupport.RetryOnConflict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A node that cannot judge (contract: NodeFault): the submission goes back to the queue without a
 * verdict or a spent attempt, the pool turns Degraded with the reason and stops admitting until
 * it is changed (or a judging in it ends normally, or the fault expires).
 */
class NodeFaultTest extends OperatorOnMockCluster {
    static final String LANDLOCK_FAULT = "{\"step\":\"compile\",\"error\":\"Landlock is not available on kernel 5.10.0\","
            + "\"nodeFault\":{\"reason\":\"" + NodeFault.LANDLOCK_UNAVAILABLE + "\",\"message\":\"kernel 5.10.0 has no Landlock\"}}";

    @Test
    void aStepReportingANodeFaultRequeuesWithoutSpendingAnAttemptAndPausesThePool() {
        submit(Fixtures.submission("s1"));
        Job first = awaitJob("s1-1");
        submit(Fixtures.submission("s2"));
        await().until(() -> get("s2").getStatus() != null && get("s2").getStatus().getQueuedAt() != null);
        cluster.runPod(first, "nolck", List.of(terminated("compile", 1, LANDLOCK_FAULT)), List.of(), "Failed", List.of());

        await().until(() -> get("s1").getStatus().getPhase() == Phase.QUEUED);
        var requeued = get("s1").getStatus();
        assertThat(requeued.getVerdict()).isNull();
        assertThat(requeued.getCompletedAt()).isNull();
        assertThat(requeued.getAttempts()).isEqualTo(1);
        assertThat(requeued.getRequeues()).isEqualTo(1);
        assertThat(requeued.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Admitted");
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("Requeued");
        });
        assertThat(requeued.getConditions()).noneMatch(c -> c.getType().equals("Completed"));
        await().until(() -> degraded().filter(c -> "True".equals(c.getStatus())).isPresent());
        assertThat(degraded().orElseThrow().getReason()).isEqualTo(NodeFault.LANDLOCK_UNAVAILABLE);
        assertThat(degraded().orElseThrow().getMessage())
                .isEqualTo(NodeFault.LANDLOCK_UNAVAILABLE + ": kernel 5.10.0 has no Landlock");
        await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get() == null);
        await().until(() -> get("s1").getStatus().getMessage() != null
                && get("s1").getStatus().getMessage().startsWith("waiting: pool default is degraded by a node fault"));

        // The slot is free, yet the paused pool admits nobody: neither s1 again nor s2.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                client.batch().v1().jobs().inNamespace(Fixtures.NS).list().getItems().isEmpty());

        // The pool is changed (say, moved to nodes with Landlock): s1 is first again, as attempt 2.
        RetryOnConflict.edit(client.resources(JudgeNodePool.class).inNamespace(Fixtures.NS).withName("default"), p -> {
            p.getSpec().setNodeSelector(Map.of("kubejudge.io/landlock", "true"));
            return p;
        });
        Job second = awaitJob("s1-2");
        await().until(() -> get("s1").getStatus().getPhase() == Phase.RUNNING);
        assertThat(get("s1").getStatus().getMessage()).isNull();
        assertThat(client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s2-1").get()).isNull();
        await().until(() -> degraded().filter(c -> "False".equals(c.getStatus())).isPresent());

        // The requeue cost no attempt: with 2 allowed, a disruption is still retried.
        var disruption = new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                .withReason("EvictionByEvictionAPI").withMessage("evicted").build();
        cluster.runPod(second, "evict", List.of(), List.of(), "Failed", List.of(disruption));
        Job third = awaitJob("s1-3");
        finishAccepted(third, "ok333");
        await().until(() -> get("s1").getStatus().getPhase() == Phase.COMPLETED);
        assertThat(get("s1").getStatus().getVerdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(get("s1").getStatus().getAttempts()).isEqualTo(3);
        awaitJob("s2-1");
    }

    @Test
    void aMissingSeccompProfileRequeuesAndMarksThePoolDegraded() {
        submit(Fixtures.submission("s1"));
        Job job = awaitJob("s1-1");
        cluster.runPod(job, "nosec", List.of(MockCluster.waiting("compile", "CreateContainerError",
                        "failed to generate security options for container \"compile\": failed to generate seccomp security"
                                + " options for container: cannot load seccomp profile \"/var/lib/kubelet/seccomp/kubejudge.json\":"
                                + " open /var/lib/kubelet/seccomp/kubejudge.json: no such file or directory")),
                List.of(MockCluster.waiting("check", "PodInitializing", null)), "Pending", List.of());

        await().until(() -> get("s1").getStatus().getPhase() == Phase.QUEUED && get("s1").getStatus().getRequeues() != null);
        assertThat(get("s1").getStatus().getVerdict()).isNull();
        assertThat(get("s1").getStatus().getMessage()).contains(NodeFault.SECCOMP_PROFILE_MISSING);
        await().until(() -> degraded().filter(c -> "True".equals(c.getStatus())).isPresent());
        assertThat(degraded().orElseThrow().getReason()).isEqualTo(NodeFault.SECCOMP_PROFILE_MISSING);
        assertThat(degraded().orElseThrow().getMessage()).startsWith(NodeFault.SECCOMP_PROFILE_MISSING + ": container compile")
                .contains("node-a").contains("kubejudge.json");
    }

    private Optional<Condition> degraded() {
        JudgeNodePool pool = client.resources(JudgeNodePool.class).inNamespace(Fixtures.NS).withName("default").get();
        return pool.getStatus() == null ? Optional.empty()
                : pool.getStatus().getConditions().stream().filter(c -> c.getType().equals("Degraded")).findFirst();
    }
}
