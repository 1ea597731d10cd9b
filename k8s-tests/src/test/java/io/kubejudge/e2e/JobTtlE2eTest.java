package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testcluster.fault.FaultHandle;
import io.kubejudge.testcluster.fault.Pods;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Judge Jobs whose {@code ttlSecondsAfterFinished} runs out while no operator runs: the TTL
 * controller deletes each (foreground: its pod first), the operator's finalizer keeps the pod and
 * its termination messages, and the next operator records the verdict from it — no second attempt,
 * no second Job — then lets the pod, and with it the Job, go.
 */
class JobTtlE2eTest extends E2eScenario {

    private static final Duration JUDGED = Duration.ofMinutes(4);
    private static final List<String> SUBMISSIONS = List.of("ttl-accepted", "ttl-wrong");

    @Override
    protected OperatorSettings.Builder operatorSettings(OperatorSettings.Builder defaults) {
        // Pods are held unscheduled below until the operator is stopped: that is not the failure under test.
        return defaults.jobTtlSecondsAfterFinished(1).unschedulableTimeout(Duration.ofMinutes(5));
    }

    @BeforeAll
    void problemAndPool() {
        operator();
        kubejudge.createProblem(TinyProblem.named("tiny", 2));
        kubejudge.createPool("default", 2);
    }

    private List<Pod> podsOf(String submission) {
        return client.pods().inNamespace(namespace).withLabel(KubeJudgeApi.SUBMISSION_LABEL, submission).list().getItems();
    }

    /** Judged, and its Job deleted by its TTL: only the pod is left, marked for deletion and held. */
    private boolean judgedAndHeld(String submission) {
        List<Pod> pods = podsOf(submission);
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(submission + "-1").get();
        return pods.size() == 1 && pods.get(0).getMetadata().getDeletionTimestamp() != null
                && pods.get(0).getStatus().getContainerStatuses().stream().allMatch(s -> s.getState().getTerminated() != null)
                && (job == null || job.getMetadata().getDeletionTimestamp() != null);
    }

    @Test
    void verdictsWhoseJobsTheTtlTookWhileNoOperatorRanAreReadFromTheHeldPods() {
        Map<String, Set<String>> jobsCreated = new ConcurrentHashMap<>();
        SharedIndexInformer<Job> watch = client.batch().v1().jobs().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                String submission = job.getMetadata().getLabels().get(KubeJudgeApi.SUBMISSION_LABEL);
                jobsCreated.computeIfAbsent(submission, k -> ConcurrentHashMap.newKeySet()).add(job.getMetadata().getName());
            }

            @Override
            public void onUpdate(Job old, Job job) {
            }

            @Override
            public void onDelete(Job job, boolean unknown) {
            }
        }, 0);
        try {
            // Admitted, but nothing judged before the operator is gone.
            try (FaultHandle held = faults().holdScheduling(Pods.ofJobsNamedLike("ttl-"))) {
                kubejudge.submission("ttl-accepted").problem("tiny").source(Language.C, TinyProblem.C_ACCEPTED).create();
                kubejudge.submission("ttl-wrong").problem("tiny").source(Language.PYTHON, TinyProblem.PYTHON_WRONG).create();
                Awaitility.await().atMost(JUDGED).until(() -> SUBMISSIONS.stream()
                        .allMatch(name -> KubeJudgeApi.phase(kubejudge.get(name)) == Phase.RUNNING));
                operator().stop();
            }
            for (String name : SUBMISSIONS) {
                kubejudge.await(name, JUDGED, "judged, its Job taken by the TTL, its pod held", s -> judgedAndHeld(name));
                assertThat(KubeJudgeApi.phase(kubejudge.get(name))).as("%s while no operator ran", name).isEqualTo(Phase.RUNNING);
            }

            operator().start();
            JudgeSubmission accepted = kubejudge.awaitVerdict("ttl-accepted", Verdict.ACCEPTED, JUDGED);
            JudgeSubmission wrong = kubejudge.awaitVerdict("ttl-wrong", Verdict.WRONG_ANSWER, JUDGED);
            assertThat(accepted.getStatus().getScore()).isEqualTo(2.0);
            assertThat(wrong.getStatus().getScore()).isEqualTo(0.0);
            for (JudgeSubmission done : List.of(accepted, wrong)) {
                String name = done.getMetadata().getName();
                assertThat(done.getStatus().getAttempts()).as("attempts of %s", name).isEqualTo(1);
                assertThat(done.getStatus().getTests()).as("tests of %s", name).hasSize(2);
                assertThat(jobsCreated.get(name)).as("Jobs ever created for %s", name).containsExactly(name + "-1");
            }
            // The verdicts are written: the finalizer goes, then the pods, then (foreground) their Jobs.
            for (String name : SUBMISSIONS) {
                kubejudge.await(name, JUDGED, "no judge pod left", s -> podsOf(name).isEmpty());
                kubejudge.await(name, JUDGED, "its Job gone", s -> kubejudge.jobsOf(name).isEmpty());
            }
            assertThat(jobsCreated.keySet()).containsExactlyInAnyOrderElementsOf(SUBMISSIONS);
        } finally {
            watch.close();
        }
    }
}
