package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testcluster.fault.Disruption;
import io.kubejudge.testcluster.fault.FaultHandle;
import io.kubejudge.testcluster.fault.Pods;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the cluster does wrong, injected: a lost pod is judged again as the next attempt; an image
 * that cannot be pulled, a pod that cannot be scheduled, a Job past its deadline and a garbled
 * termination message end as SystemError with the reason, and mark the pool Degraded.
 */
class FailuresE2eTest extends E2eScenario {

    private static final Duration JUDGED = Duration.ofMinutes(3);

    @Override
    protected OperatorSettings.Builder operatorSettings(OperatorSettings.Builder defaults) {
        return defaults.maxAttempts(2).unschedulableTimeout(Duration.ofSeconds(3));
    }

    @BeforeAll
    void problem() {
        kubejudge.createProblem(TinyProblem.named("tiny", 1));
    }

    @Test
    void aDisruptedJudgeIsJudgedAgainAsTheNextAttempt() {
        kubejudge.createPool("disrupt", 1);
        try (FaultHandle lost = faults().disruptWhenContainerStarts(Pods.ofJobsNamedLike("disrupted-once-"), "run",
                Disruption.EVICTION, 1)) {
            kubejudge.submission("disrupted-once").pool("disrupt").problem("tiny").source(Language.C, TinyProblem.C_ACCEPTED).create();
            JudgeSubmission done = kubejudge.awaitVerdict("disrupted-once", Verdict.ACCEPTED, JUDGED);
            assertThat(lost.podsStruck()).isEqualTo(1);
            assertThat(done.getStatus().getAttempts()).isEqualTo(2);
            assertThat(done.getStatus().getJobName()).endsWith("-2");
        }
    }

    @Test
    void aJudgeLostOnEveryAttemptEndsAsSystemError() {
        kubejudge.createPool("disrupt-always", 1);
        try (FaultHandle ignored = faults().disruptWhenContainerStarts(Pods.ofJobsNamedLike("disrupted-always-"), "compile",
                Disruption.NODE_LOSS, 100)) {
            kubejudge.submission("disrupted-always").pool("disrupt-always").problem("tiny").source(Language.C, TinyProblem.C_ACCEPTED).create();
            JudgeSubmission done = kubejudge.awaitVerdict("disrupted-always", Verdict.SYSTEM_ERROR, JUDGED);
            assertThat(done.getStatus().getPhase()).isEqualTo(Phase.FAILED);
            assertThat(done.getStatus().getAttempts()).isEqualTo(2);
            assertThat(done.getStatus().getMessage()).contains("2 attempts").contains("DeletionByTaintManager");
        }
    }

    @Test
    void anImageThatCannotBePulledIsASystemErrorAndDegradesThePool() {
        kubejudge.createPool("no-image", 1);
        try (FaultHandle ignored = faults().failImagePull(Pods.ofJobsNamedLike("no-image-"))) {
            kubejudge.submission("no-image-1").pool("no-image").problem("tiny").source(Language.C, TinyProblem.C_ACCEPTED).create();
            JudgeSubmission done = kubejudge.awaitVerdict("no-image-1", Verdict.SYSTEM_ERROR, JUDGED);
            assertThat(done.getStatus().getMessage()).containsAnyOf("ErrImagePull", "ImagePullBackOff");
        }
        assertDegraded("no-image", "ImagePull");
    }

    @Test
    void aPodUnschedulableForTooLongIsASystemErrorAndDegradesThePool() {
        kubejudge.createPool("unschedulable", 1);
        try (FaultHandle ignored = faults().holdScheduling(Pods.ofJobsNamedLike("unschedulable-"))) {
            kubejudge.submission("unschedulable-1").pool("unschedulable").problem("tiny").source(Language.C, TinyProblem.C_ACCEPTED).create();
            JudgeSubmission done = kubejudge.awaitVerdict("unschedulable-1", Verdict.SYSTEM_ERROR, JUDGED);
            assertThat(done.getStatus().getMessage()).containsIgnoringCase("unschedulable");
        }
        assertDegraded("unschedulable", "nschedulable");
    }

    @Test
    void aJobPastItsDeadlineIsASystemErrorAndDegradesThePool() {
        kubejudge.createPool("deadline", 1);
        try (FaultHandle hung = faults().hangContainer(Pods.ofJobsNamedLike("deadline-"), "run")) {
            kubejudge.submission("deadline-1").pool("deadline").problem("tiny").source(Language.C, TinyProblem.C_ACCEPTED).create();
            // Stuck in the run step; then the deadline (minutes away) passes.
            Awaitility.await().atMost(JUDGED).until(() -> hung.podsStruck() == 1);
            try (FaultHandle expired = faults().expireJobDeadlines("deadline-")) {
                JudgeSubmission done = kubejudge.awaitVerdict("deadline-1", Verdict.SYSTEM_ERROR, JUDGED);
                assertThat(done.getStatus().getMessage()).containsIgnoringCase("deadline");
            }
        }
        assertDegraded("deadline", "eadline");
    }

    @Test
    void aGarbledTerminationMessageIsASystemErrorAndDegradesThePool() {
        kubejudge.createPool("garbled", 1);
        try (FaultHandle ignored = faults().replaceTerminationMessage(Pods.ofJobsNamedLike("garbled-"), "check", "{\"step\":\"check\",\"verd")) {
            kubejudge.submission("garbled-1").pool("garbled").problem("tiny").source(Language.C, TinyProblem.C_ACCEPTED).create();
            JudgeSubmission done = kubejudge.awaitVerdict("garbled-1", Verdict.SYSTEM_ERROR, JUDGED);
            assertThat(done.getStatus().getPhase()).isEqualTo(Phase.FAILED);
            assertThat(done.getStatus().getMessage()).containsIgnoringCase("termination message");
        }
        assertDegraded("garbled", "termination message");
    }

    private void assertDegraded(String pool, String reasonFragment) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> degraded(pool).isPresent());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("pool " + pool + " never became Degraded: "
                    + client.getKubernetesSerialization().asYaml(kubejudge.pool(pool).getStatus()), e);
        }
        Condition degraded = degraded(pool).orElseThrow();
        assertThat(degraded.getReason() + " " + degraded.getMessage()).containsIgnoringCase(reasonFragment);
    }

    private Optional<Condition> degraded(String pool) {
        JudgeNodePool p = kubejudge.pool(pool);
        if (p == null || p.getStatus() == null) {
            return Optional.empty();
        }
        return p.getStatus().getConditions().stream()
                .filter(c -> "Degraded".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }
}
