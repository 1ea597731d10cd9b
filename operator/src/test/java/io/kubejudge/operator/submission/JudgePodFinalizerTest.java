package io.kubejudge.operator.submission;

import static io.kubejudge.operator.MockCluster.running;
import static io.kubejudge.operator.MockCluster.terminated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.JudgeLabels;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.MockCluster;
import io.kubejudge.operator.job.PodFinalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The judge pod's finalizer ({@link PodFinalizer}): the verdict survives a Job that its TTL took
 * while no operator ran, and no pod is left held once the submission no longer needs it. The mock
 * API server keeps a deleted object with finalizers (deletionTimestamp set) until they are removed,
 * as Kubernetes does; the tests play the Job controller, the TTL controller and the garbage collector.
 */
class JudgePodFinalizerTest extends OperatorOnMockCluster {

    Pod pod(String name) {
        return client.pods().inNamespace(Fixtures.NS).withName(name).get();
    }

    void submit(String name) {
        submit(Fixtures.submission(name));
    }

    @Test
    void theVerdictIsReadFromThePodAfterTheJobsTtlTookTheJobWhileNoOperatorRan() {
        submit("s1");
        Job job = awaitJob("s1-1");
        await().until(() -> get("s1").getStatus() != null && get("s1").getStatus().getPhase() == Phase.RUNNING);
        operator.stop();

        Pod pod = finishAccepted(job, "ttl01");
        assertThat(pod.getMetadata().getFinalizers()).contains(PodFinalizer.NAME);
        // The TTL controller deletes the Job, the garbage collector its pod: the pod stays, Terminating.
        client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").delete();
        client.pods().inNamespace(Fixtures.NS).withName("s1-1-ttl01").delete();
        await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get() == null);
        Pod held = pod("s1-1-ttl01");
        assertThat(held).isNotNull();
        assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(held.getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage()).isEqualTo(ACCEPTED_CHECK);

        operator = KubeJudgeOperator.start(client, settings());
        await().until(() -> get("s1").getStatus().getPhase() == Phase.COMPLETED);
        var done = get("s1").getStatus();
        assertThat(done.getVerdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(done.getScore()).isEqualTo(2.0);
        assertThat(done.getTests()).extracting(t -> t.name()).containsExactly("t1", "t2");
        assertThat(done.getJudge().getNode()).isEqualTo("node-a");
        assertThat(done.getAttempts()).isEqualTo(1);
        assertThat(done.getJobName()).isEqualTo("s1-1");
        // Once the verdict is written the finalizer goes, and with it the deleted pod.
        await().until(() -> pod("s1-1-ttl01") == null);
        assertThat(client.batch().v1().jobs().inNamespace(Fixtures.NS).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(Fixtures.NS).withName("s1-2").get()).isNull();
        assertThat(get("s1").getStatus().getAttempts()).isEqualTo(1);
    }

    @Test
    void whenTheJobWentAndItsPodHasNoResultTheJudgingStartsAgain() {
        submit("s1");
        Job job = awaitJob("s1-1");
        await().until(() -> get("s1").getStatus() != null && get("s1").getStatus().getPhase() == Phase.RUNNING);
        operator.stop();
        // Deleted with its Job while check ran: killed, no termination message.
        cluster.runPod(job, "kill1", List.of(terminated("compile", 0, COMPILE_OK), terminated("run", 0, RUN_OK)),
                List.of(terminated("check", 137, null)), "Failed", List.of());
        client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").delete();
        client.pods().inNamespace(Fixtures.NS).withName("s1-1-kill1").delete();

        operator = KubeJudgeOperator.start(client, settings());
        awaitJob("s1-2");
        await().until(() -> get("s1").getStatus().getAttempts() == 2);
        assertThat(get("s1").getStatus().getPhase()).isEqualTo(Phase.RUNNING);
        assertThat(get("s1").getStatus().getMessage()).contains("s1-1 disappeared before its result was read");
        await().until(() -> pod("s1-1-kill1") == null);
    }

    @Test
    void aPodStillHeldAfterItsVerdictWasWrittenIsLetGoOfByTheNextOperator() {
        submit("s1");
        finishAccepted(awaitJob("s1-1"), "done1");
        await().until(() -> get("s1").getStatus().getPhase() == Phase.COMPLETED);
        await().until(() -> !PodFinalizer.holds(pod("s1-1-done1")));
        operator.stop();
        // As if the operator had stopped between writing the verdict and removing the finalizer.
        client.pods().inNamespace(Fixtures.NS).withName("s1-1-done1").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"add\",\"path\":\"/metadata/finalizers\",\"value\":[\"" + PodFinalizer.NAME + "\"]}]");
        assertThat(PodFinalizer.holds(pod("s1-1-done1"))).isTrue();

        operator = KubeJudgeOperator.start(client, settings());
        await().until(() -> !PodFinalizer.holds(pod("s1-1-done1")));
        // Released, not deleted: the pod goes with its Job (TTL), as any finished judge pod.
        assertThat(pod("s1-1-done1").getMetadata().getDeletionTimestamp()).isNull();
        assertThat(get("s1").getStatus().getVerdict()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void cancellingARunningJudgeLetsGoOfItsPod() {
        submit("s1");
        Job job = awaitJob("s1-1");
        cluster.runPod(job, "run01", List.of(terminated("compile", 0, COMPILE_OK), running("run")),
                List.of(MockCluster.waiting("check", "PodInitializing", null)), "Pending", List.of());
        await().until(() -> get("s1").getStatus() != null && get("s1").getStatus().getPhase() == Phase.RUNNING);
        assertThat(PodFinalizer.holds(pod("s1-1-run01"))).isTrue();

        edit("s1", s -> {
            s.getSpec().setCancel(true);
            return s;
        });
        await().until(() -> get("s1").getStatus().getPhase() == Phase.CANCELLED);
        await().until(() -> pod("s1-1-run01") == null);
        assertThat(client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get()).isNull();
    }

    @Test
    void deletingARunningSubmissionLetsGoOfItsPod() {
        submit("s1");
        Job job = awaitJob("s1-1");
        cluster.runPod(job, "del01", List.of(running("compile")), List.of(MockCluster.waiting("check", "PodInitializing", null)),
                "Pending", List.of());
        await().until(() -> get("s1").getStatus() != null && get("s1").getStatus().getPhase() == Phase.RUNNING);
        client.resources(JudgeSubmission.class).inNamespace(Fixtures.NS).withName("s1").delete();
        await().until(() -> get("s1") == null);
        await().until(() -> pod("s1-1-del01") == null);
    }

    @Test
    void aDisruptedAttemptsPodIsLetGoOfWhileTheNextAttemptRuns() {
        submit("s1");
        Job job = awaitJob("s1-1");
        var disruption = new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                .withReason("EvictionByEvictionAPI").withMessage("evicted").build();
        cluster.runPod(job, "evict", List.of(terminated("compile", 0, COMPILE_OK)), List.of(), "Failed", List.of(disruption));
        Job second = awaitJob("s1-2");
        await().until(() -> pod("s1-1-evict") == null);
        Pod next = finishAccepted(second, "next1");
        assertThat(PodFinalizer.holds(next)).isTrue();
        await().until(() -> get("s1").getStatus().getPhase() == Phase.COMPLETED);
        assertThat(get("s1").getStatus().getAttempts()).isEqualTo(2);
        await().until(() -> !PodFinalizer.holds(pod("s1-2-next1")));
    }

    @Test
    void aJudgePodOfASubmissionThatNoLongerExistsIsLetGoOfAtStart() {
        submit("s1");
        awaitJob("s1-1");
        operator.stop();
        Pod orphan = client.pods().inNamespace(Fixtures.NS).resource(new PodBuilder()
                .withNewMetadata().withName("gone-1-abcde")
                    .addToLabels(JudgeLabels.NAME, JudgeLabels.JUDGE_NAME).addToLabels(JudgeLabels.MANAGED_BY, JudgeLabels.OPERATOR)
                    .addToLabels(JudgeLabels.SUBMISSION, "gone").addToLabels("job-name", "gone-1")
                    .withFinalizers(PodFinalizer.NAME)
                .endMetadata()
                .withNewSpec().addNewContainer().withName("check").withImage("judge").endContainer().endSpec()
                .build()).create();
        client.pods().inNamespace(Fixtures.NS).withName(orphan.getMetadata().getName()).delete();
        assertThat(pod("gone-1-abcde")).isNotNull();

        operator = KubeJudgeOperator.start(client, settings());
        await().until(() -> pod("gone-1-abcde") == null);
    }
}
