package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator stopped and a new one started while submissions are queued, running and finishing:
 * nothing lost, no second Job for an attempt, no verdict written twice.
 */
class OperatorRestartE2eTest extends E2eScenario {

    private static final Duration JUDGED = Duration.ofMinutes(4);
    private static final int COUNT = 12;

    @BeforeAll
    void problemAndPool() {
        operator();
        kubejudge.createProblem(TinyProblem.named("tiny", 1));
        kubejudge.createPool("default", 2);
    }

    @Test
    void restartsInTheMiddleLoseNothingAndDuplicateNothing() {
        // Every verdict the API server ever held, per submission: written once means one value.
        Map<String, Set<String>> completions = new ConcurrentHashMap<>();
        SharedIndexInformer<JudgeSubmission> watch = client.resources(JudgeSubmission.class).inNamespace(namespace)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(JudgeSubmission s) {
                        onUpdate(null, s);
                    }

                    @Override
                    public void onUpdate(JudgeSubmission old, JudgeSubmission s) {
                        if (s.getStatus() != null && s.getStatus().getCompletedAt() != null) {
                            completions.computeIfAbsent(s.getMetadata().getName(), k -> ConcurrentHashMap.newKeySet())
                                    .add(s.getStatus().getCompletedAt() + " " + s.getStatus().getVerdict());
                        }
                    }

                    @Override
                    public void onDelete(JudgeSubmission s, boolean unknown) {
                    }
                }, 0);
        try {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= COUNT; i++) {
                String name = "restart-" + i;
                boolean wrong = i % 3 == 0;
                Language language = i % 2 == 0 ? Language.C : Language.PYTHON;
                String source = language == Language.C ? (wrong ? TinyProblem.C_WRONG : TinyProblem.C_ACCEPTED)
                        : (wrong ? TinyProblem.PYTHON_WRONG : TinyProblem.PYTHON_ACCEPTED);
                kubejudge.submission(name).problem("tiny").source(language, source).user("user-" + (i % 4)).create();
                names.add(name);
            }
            // First restart: as soon as judges are running (and others queued behind them).
            Awaitility.await().atMost(JUDGED).until(() -> kubejudge.submissions().stream()
                    .anyMatch(s -> KubeJudgeApi.phase(s) == Phase.RUNNING));
            operator().stop();
            // The pods go on without an operator; give some of them time to finish meanwhile.
            Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
            operator().start();
            // Second restart: once some verdicts are in and others are not.
            Awaitility.await().atMost(JUDGED).until(() -> kubejudge.submissions().stream()
                    .anyMatch(s -> KubeJudgeApi.phase(s) == Phase.COMPLETED));
            operator().restart();

            for (int i = 1; i <= COUNT; i++) {
                Verdict expected = i % 3 == 0 ? Verdict.WRONG_ANSWER : Verdict.ACCEPTED;
                JudgeSubmission done = kubejudge.awaitVerdict("restart-" + i, expected, JUDGED);
                assertThat(done.getStatus().getAttempts()).as("attempts of restart-%d", i).isEqualTo(1);
                assertThat(kubejudge.jobsOf("restart-" + i)).as("Jobs of restart-%d", i).hasSize(1);
            }
            assertThat(completions.keySet()).containsExactlyInAnyOrderElementsOf(names);
            completions.forEach((name, values) -> assertThat(values).as("verdicts written for %s", name).hasSize(1));
        } finally {
            watch.close();
        }
    }
}
