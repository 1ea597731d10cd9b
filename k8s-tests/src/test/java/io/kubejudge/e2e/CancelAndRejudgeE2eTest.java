package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.testsupport.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Cancelling (queued, running, by deletion) and rejudging. */
class CancelAndRejudgeE2eTest extends E2eScenario {

    private static final Duration JUDGED = Duration.ofMinutes(3);
    /** Sleeps on every test: a judging that stays in its run step for a long while. */
    private static final String SLOW = "import sys, time\na, b = map(int, sys.stdin.read().split())\ntime.sleep(2.5)\nprint(a + b)\n";

    @BeforeAll
    void problemsAndPools() {
        kubejudge.createProblem(TinyProblem.named("tiny", 1));
        JudgeProblem slow = TinyProblem.named("slow", 20);
        kubejudge.createProblem(slow);
        kubejudge.createPool("default", 2);
        kubejudge.createPool("closed", 0);
    }

    @Test
    void aCancelledQueuedSubmissionNeverGetsAJob() {
        kubejudge.submission("cancel-queued").pool("closed").problem("tiny").source(Language.PYTHON, TinyProblem.PYTHON_ACCEPTED).create();
        kubejudge.await("cancel-queued", JUDGED, "Queued", s -> s.getStatus() != null && s.getStatus().getQueuedAt() != null);
        kubejudge.edit("cancel-queued", s -> {
            s.getSpec().setCancel(true);
            return s;
        });
        JudgeSubmission done = kubejudge.awaitFinal("cancel-queued", JUDGED);
        assertThat(done.getStatus().getPhase()).isEqualTo(Phase.CANCELLED);
        assertThat(done.getStatus().getVerdict()).isEqualTo(Verdict.CANCELLED);
        assertThat(kubejudge.jobsOf("cancel-queued")).isEmpty();
    }

    @Test
    void cancellingARunningSubmissionDeletesItsJob() {
        kubejudge.submission("cancel-running").problem("slow").source(Language.PYTHON, SLOW).create();
        awaitInRunStep("cancel-running");
        kubejudge.edit("cancel-running", s -> {
            s.getSpec().setCancel(true);
            return s;
        });
        JudgeSubmission done = kubejudge.awaitFinal("cancel-running", JUDGED);
        assertThat(done.getStatus().getPhase()).isEqualTo(Phase.CANCELLED);
        await().atMost(JUDGED).until(() -> kubejudge.jobsOf("cancel-running").isEmpty()
                && client.pods().inNamespace(namespace).withLabel(KubeJudgeApi.SUBMISSION_LABEL, "cancel-running").list().getItems().isEmpty());
    }

    @Test
    void deletingARunningSubmissionCancelsItAndArchivesTheCancellation() {
        kubejudge.submission("delete-running").problem("slow").source(Language.PYTHON, SLOW).create();
        awaitInRunStep("delete-running");
        kubejudge.delete("delete-running");
        await().atMost(JUDGED).until(() -> kubejudge.get("delete-running") == null);
        await().atMost(JUDGED).until(() -> kubejudge.jobsOf("delete-running").isEmpty());
        RedisServer redis = redis();
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            String archived = jedis.get(RedisKeys.archive(namespace, "delete-running"));
            assertThat(archived).isNotNull().contains("\"phase\":\"Cancelled\"").contains("\"verdict\":\"Cancelled\"");
        }
    }

    @Test
    void aRejudgeJudgesAgainAndKeepsThePreviousResult() {
        kubejudge.submission("rejudged").problem("tiny").source(Language.C, TinyProblem.C_ACCEPTED).create();
        JudgeSubmission first = kubejudge.awaitVerdict("rejudged", Verdict.ACCEPTED, JUDGED);
        kubejudge.edit("rejudged", s -> {
            s.getSpec().setRejudge(1);
            return s;
        });
        JudgeSubmission second = kubejudge.await("rejudged", JUDGED, "rejudge 1 judged", s -> s.getStatus() != null
                && Integer.valueOf(1).equals(s.getStatus().getObservedRejudge()) && KubeJudgeApi.phase(s) != null
                && KubeJudgeApi.phase(s).isFinal());
        assertThat(second.getStatus().getVerdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(second.getStatus().getHistory()).singleElement().satisfies(h -> {
            assertThat(h.getRejudge()).isZero();
            assertThat(h.getVerdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(h.getCompletedAt()).isEqualTo(first.getStatus().getCompletedAt());
        });
        assertThat(second.getStatus().getJobName()).isNotEqualTo(first.getStatus().getJobName());
        assertThat(kubejudge.jobsOf("rejudged")).extracting(j -> j.getMetadata().getName())
                .contains(second.getStatus().getJobName());
    }

    /** Running, and its pod has reached the program's run step. */
    private void awaitInRunStep(String name) {
        kubejudge.await(name, JUDGED, "Running", s -> KubeJudgeApi.phase(s) == Phase.RUNNING);
        await().atMost(JUDGED).until(() -> client.pods().inNamespace(namespace).withLabel(KubeJudgeApi.SUBMISSION_LABEL, name)
                .list().getItems().stream().anyMatch(p -> p.getStatus() != null && p.getStatus().getInitContainerStatuses().stream()
                        .anyMatch(c -> "run".equals(c.getName()) && c.getState() != null && c.getState().getRunning() != null)));
    }
}
