package io.kubejudge.operator.submission;

import static io.kubejudge.operator.MockCluster.terminated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.MockCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The submission reconciler against the mock API server, playing the kubelet by hand. */
class SubmissionLifecycleTest extends OperatorOnMockCluster {

    @Test
    void acceptedSubmissionGoesQueuedRunningCompletedWithItsResult() {
        submit(Fixtures.submission("s1"));
        Job job = awaitJob("s1-1");
        assertThat(client.configMaps().inNamespace(Fixtures.NS).withName("s1-1").get()).isNotNull();
        await().until(() -> get("s1").getStatus() != null && get("s1").getStatus().getPhase() == Phase.RUNNING);
        var running = get("s1").getStatus();
        assertThat(running.getJobName()).isEqualTo("s1-1");
        assertThat(running.getAttempts()).isEqualTo(1);
        assertThat(running.getAdmittedAt()).isNotNull();
        assertThat(running.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Admitted");
            assertThat(c.getStatus()).isEqualTo("True");
        });

        finishAccepted(job, "abcde");
        await().until(() -> get("s1").getStatus().getPhase() == Phase.COMPLETED);
        var done = get("s1").getStatus();
        assertThat(done.getVerdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(done.getScore()).isEqualTo(2.0);
        assertThat(done.getMaxScore()).isEqualTo(2.0);
        assertThat(done.getTimeMs()).isEqualTo(12);
        assertThat(done.getMemoryKiB()).isEqualTo(1536);
        assertThat(done.getTests()).extracting(t -> t.name()).containsExactly("t1", "t2");
        assertThat(done.getCompile().success()).isTrue();
        assertThat(done.getJudge().getCompilerVersion()).isEqualTo("g++ 12.2");
        assertThat(done.getJudge().getPool()).isEqualTo("default");
        assertThat(done.getJudge().getNode()).isEqualTo("node-a");
        assertThat(done.getCompletedAt()).isNotNull();
        assertThat(done.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Completed");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("Accepted");
            assertThat(c.getObservedGeneration()).isEqualTo(get("s1").getMetadata().getGeneration());
        });
    }

    @Test
    void secondSubmissionWaitsForTheSlotThenRuns() {
        submit(Fixtures.submission("s1"));
        Job first = awaitJob("s1-1");
        submit(Fixtures.submission("s2"));
        await().until(() -> get("s2").getStatus() != null && get("s2").getStatus().getPhase() == Phase.QUEUED
                && get("s2").getStatus().getQueuedAt() != null);
        assertThat(get("s2").getStatus().getQueuePosition()).isEqualTo(1);
        assertThat(client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s2-1").get()).isNull();

        finishAccepted(first, "aaaaa");
        Job second = awaitJob("s2-1");
        assertThat(second).isNotNull();
        await().until(() -> get("s2").getStatus().getPhase() == Phase.RUNNING);
        assertThat(get("s2").getStatus().getQueuePosition()).isNull();
    }

    @Test
    void queuedPositionsInTheStatusFollowTheQueue() {
        submit(Fixtures.submission("s1"));
        Job first = awaitJob("s1-1");
        JudgeSubmission s2 = Fixtures.submission("s2");
        s2.getSpec().setUserId("u2");
        submit(s2);
        await().until(() -> get("s2").getStatus() != null && get("s2").getStatus().getQueuePosition() != null);
        JudgeSubmission s3 = Fixtures.submission("s3");
        s3.getSpec().setUserId("u3");
        submit(s3);
        await().until(() -> get("s3").getStatus() != null && Integer.valueOf(2).equals(get("s3").getStatus().getQueuePosition()));
        finishAccepted(first, "pos01");
        await().until(() -> get("s2").getStatus().getPhase() == Phase.RUNNING);
        await().until(() -> Integer.valueOf(1).equals(get("s3").getStatus().getQueuePosition()));
    }

    @Test
    void invalidSubmissionIsRejectedWithTheFieldAndNeverGetsAJob() {
        JudgeProblem cOnly = Fixtures.problem("c-only", 1);
        cOnly.getSpec().setLanguages(List.of(Language.C));
        client.resource(cOnly).create();
        submit(Fixtures.submission("bad", "c-only", Language.PYTHON, "print(1)"));
        submit(Fixtures.submission("orphan", "nope", Language.C, "int main(){}"));
        await().until(() -> get("bad").getStatus() != null && get("bad").getStatus().getPhase() == Phase.REJECTED);
        assertThat(get("bad").getStatus().getMessage())
                .isEqualTo("spec.language: 'python' is not accepted by JudgeProblem 'c-only' (spec.languages: c)");
        await().until(() -> get("orphan").getStatus() != null
                && get("orphan").getStatus().getPhase() == Phase.REJECTED);
        assertThat(get("orphan").getStatus().getMessage()).contains("spec.problem: JudgeProblem 'nope' not found");
        assertThat(client.batch().v1().jobs().inNamespace(Fixtures.NS).list().getItems()).isEmpty();
    }

    @Test
    void submissionWaitsForAProblemThatArrivesLater() {
        operator.stop();
        operator = KubeJudgeOperator.start(client, settings().toBuilder().missingReferenceGrace(Duration.ofSeconds(30)).build());
        submit(Fixtures.submission("early", "later", Language.CPP, "int main(){}"));
        await().until(() -> get("early").getStatus() != null && get("early").getStatus().getMessage() != null);
        assertThat(get("early").getStatus().getMessage()).startsWith("waiting for spec.problem: JudgeProblem 'later' not found");
        client.resource(Fixtures.problem("later", 1)).create();
        awaitJob("early-1");
    }

    @Test
    void cancelDeletesTheJobAndFreesTheSlot() {
        submit(Fixtures.submission("s1"));
        awaitJob("s1-1");
        submit(Fixtures.submission("s2"));
        await().until(() -> get("s2").getStatus() != null && get("s2").getStatus().getQueuedAt() != null);
        edit("s1", s -> {
            s.getSpec().setCancel(true);
            return s;
        });
        await().until(() -> get("s1").getStatus().getPhase() == Phase.CANCELLED);
        assertThat(get("s1").getStatus().getVerdict()).isEqualTo(Verdict.CANCELLED);
        await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get() == null);
        awaitJob("s2-1");
    }

    @Test
    void disruptedPodIsRetriedAsTheNextAttemptThenGivesUp() {
        submit(Fixtures.submission("s1"));
        Job job = awaitJob("s1-1");
        var disruption = new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                .withReason("EvictionByEvictionAPI").withMessage("evicted").build();
        cluster.runPod(job, "evict", List.of(terminated("compile", 0, COMPILE_OK)), List.of(), "Failed", List.of(disruption));
        Job second = awaitJob("s1-2");
        await().until(() -> get("s1").getStatus().getAttempts() == 2);
        assertThat(get("s1").getStatus().getPhase()).isEqualTo(Phase.RUNNING);
        await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get() == null);

        cluster.runPod(second, "evic2", List.of(), List.of(), "Failed", List.of(disruption));
        await().until(() -> get("s1").getStatus().getPhase() == Phase.FAILED);
        assertThat(get("s1").getStatus().getVerdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(get("s1").getStatus().getMessage()).startsWith("gave up after 2 attempts; last: pod s1-2-evic2 was disrupted (EvictionByEvictionAPI");
    }

    @Test
    void malformedTerminationMessageIsASystemError() {
        submit(Fixtures.submission("s1"));
        Job job = awaitJob("s1-1");
        cluster.runPod(job, "xxxxx", List.of(terminated("compile", 0, COMPILE_OK), terminated("run", 0, RUN_OK)),
                List.of(terminated("check", 0, "{\"step\":\"check\",\"verdict\":\"Accep")), "Succeeded", List.of());
        await().until(() -> get("s1").getStatus().getPhase() == Phase.FAILED);
        assertThat(get("s1").getStatus().getVerdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(get("s1").getStatus().getMessage()).startsWith("malformed termination message of container check");
    }

    @Test
    void imagePullFailureIsASystemError() {
        submit(Fixtures.submission("s1"));
        Job job = awaitJob("s1-1");
        cluster.runPod(job, "pull1", List.of(MockCluster.waiting("compile", "ImagePullBackOff", "Back-off pulling image")),
                List.of(MockCluster.waiting("check", "PodInitializing", null)), "Pending", List.of());
        await().until(() -> get("s1").getStatus().getPhase() == Phase.FAILED);
        assertThat(get("s1").getStatus().getMessage()).contains("container compile cannot start: ImagePullBackOff");
    }

    @Test
    void restartedOperatorCreatesNoSecondJobAndStillReadsTheVerdict() {
        submit(Fixtures.submission("s1"));
        Job job = awaitJob("s1-1");
        submit(Fixtures.submission("s2"));
        await().until(() -> get("s2").getStatus() != null && get("s2").getStatus().getQueuedAt() != null);
        operator.stop();
        operator = KubeJudgeOperator.start(client, settings());
        finishAccepted(job, "after");
        await().until(() -> get("s1").getStatus().getPhase() == Phase.COMPLETED);
        awaitJob("s2-1");
        assertThat(client.batch().v1().jobs().inNamespace(Fixtures.NS).list().getItems())
                .extracting(j -> j.getMetadata().getName()).containsExactlyInAnyOrder("s1-1", "s2-1");
    }

    @Test
    void rejudgeKeepsTheOldResultInHistoryAndRunsANewJob() {
        submit(Fixtures.submission("s1"));
        finishAccepted(awaitJob("s1-1"), "first");
        await().until(() -> get("s1").getStatus().getPhase() == Phase.COMPLETED);
        edit("s1", s -> {
            s.getSpec().setRejudge(1);
            return s;
        });
        Job again = awaitJob("s1-r1-1");
        await().until(() -> get("s1").getStatus().getPhase() == Phase.RUNNING);
        assertThat(get("s1").getStatus().getHistory()).singleElement().satisfies(h -> {
            assertThat(h.getVerdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(h.getRejudge()).isZero();
        });
        assertThat(get("s1").getStatus().getVerdict()).isNull();
        finishAccepted(again, "secnd");
        await().until(() -> get("s1").getStatus().getPhase() == Phase.COMPLETED);
        assertThat(get("s1").getStatus().getObservedRejudge()).isEqualTo(1);
    }

    @Test
    void sourceConfigMapIsOwnedByTheSubmission() {
        submit(Fixtures.submission("s1"));
        awaitJob("s1-1");
        ConfigMap cm = client.configMaps().inNamespace(Fixtures.NS).withName("s1-1").get();
        assertThat(cm.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(get("s1").getMetadata().getUid()));
    }

    @Test
    void aRejudgeOfASubmissionWhoseProblemIsGoneIsRejectedAndCompleted() {
        submit(Fixtures.submission("s1"));
        finishAccepted(awaitJob("s1-1"), "first");
        await().until(() -> get("s1").getStatus().getPhase() == Phase.COMPLETED);
        client.resources(JudgeProblem.class).inNamespace(Fixtures.NS).withName("aplusb").delete();
        await().until(() -> client.resources(JudgeProblem.class).inNamespace(Fixtures.NS).withName("aplusb").get() == null);
        edit("s1", s -> {
            s.getSpec().setRejudge(1);
            return s;
        });
        await().until(() -> get("s1").getStatus().getPhase() == Phase.REJECTED);
        var rejected = get("s1").getStatus();
        assertThat(rejected.getMessage()).contains("spec.problem: JudgeProblem 'aplusb' not found");
        assertThat(rejected.getCompletedAt()).isNotNull();
        assertThat(rejected.getHistory()).singleElement().satisfies(h -> assertThat(h.getVerdict()).isEqualTo(Verdict.ACCEPTED));
        assertThat(rejected.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Completed");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("Rejected");
            assertThat(c.getMessage()).isEqualTo(rejected.getMessage());
        });
    }
}
