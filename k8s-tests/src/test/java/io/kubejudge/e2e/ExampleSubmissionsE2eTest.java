package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every example submission reaches the verdict its name promises, judged by the real runner in a judge pod. */
class ExampleSubmissionsE2eTest extends E2eScenario {

    private List<ExampleSubmission> examples;

    @BeforeAll
    void submitEveryExample() {
        examples = ExampleSubmission.all();
        assertThat(examples).as("examples/submissions").isNotEmpty();
        Set<String> problems = examples.stream().map(ExampleSubmission::problem).collect(Collectors.toSet());
        problems.forEach(kubejudge::applyExampleProblem);
        kubejudge.createPool("default", 4);
        for (ExampleSubmission example : examples) {
            kubejudge.submission(example.resourceName("ex")).example(example).user("examples").create();
        }
    }

    @Test
    void everyExampleGetsTheVerdictItsNameSays() {
        List<String> wrong = new java.util.ArrayList<>();
        for (ExampleSubmission example : examples) {
            JudgeSubmission done = kubejudge.awaitFinal(example.resourceName("ex"), Duration.ofMinutes(5));
            if (done.getStatus().getVerdict() != example.expected() || done.getStatus().getPhase() != Phase.COMPLETED) {
                wrong.add(example.file() + " (" + example.language() + "): expected " + example.expected() + ", got "
                        + done.getStatus().getPhase() + "/" + done.getStatus().getVerdict() + "\n"
                        + kubejudge.describe(example.resourceName("ex")));
            }
        }
        assertThat(wrong).as("examples judged otherwise than their names say").isEmpty();
    }

    @Test
    void anAcceptedExampleCarriesItsFullReport() {
        ExampleSubmission accepted = examples.stream()
                .filter(e -> e.expected() == Verdict.ACCEPTED && e.language() == io.kubejudge.model.result.Language.C)
                .findFirst().orElseThrow();
        JudgeSubmission done = kubejudge.awaitFinal(accepted.resourceName("ex"), Duration.ofMinutes(5));
        var status = done.getStatus();
        assertThat(status.getScore()).isEqualTo(status.getMaxScore()).isPositive();
        assertThat(status.getTests()).isNotEmpty().allSatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.ACCEPTED));
        assertThat(status.getCompile().success()).isTrue();
        assertThat(status.getJudge().getRunnerVersion()).isNotBlank();
        assertThat(status.getJudge().getCompilerVersion()).isNotBlank();
        assertThat(status.getAttempts()).isEqualTo(1);
        assertThat(kubejudge.jobsOf(accepted.resourceName("ex"))).hasSize(1);
        assertThat(status.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Completed");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getObservedGeneration()).isEqualTo(done.getMetadata().getGeneration());
        });
    }

    @Test
    void aCompileErrorCarriesTheCompilerMessage() {
        for (ExampleSubmission example : examples) {
            if (example.expected() == Verdict.COMPILE_ERROR) {
                JudgeSubmission done = kubejudge.awaitFinal(example.resourceName("ex"), Duration.ofMinutes(5));
                assertThat(done.getStatus().getCompile().success()).isFalse();
                assertThat(done.getStatus().getCompile().message()).as(example.file().toString()).isNotBlank();
                assertThat(done.getStatus().getScore()).isZero();
            }
        }
    }
}
