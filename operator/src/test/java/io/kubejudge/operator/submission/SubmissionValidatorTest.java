package io.kubejudge.operator.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.KubeJudge;
import io.kubejudge.model.v1alpha1.PodResources;
import io.kubejudge.operator.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionValidatorTest {
    private final JudgeProblem problem = Fixtures.problem("aplusb", 2);
    private final JudgeNodePool pool = Fixtures.pool("default", 1);

    @Test
    void validSubmissionHasNoErrors() {
        assertThat(SubmissionValidator.validate(Fixtures.submission("s"), problem, pool)).isEmpty();
    }

    @Test
    void missingProblemAndPoolAreNamed() {
        assertThat(SubmissionValidator.validate(Fixtures.submission("s"), null, null)).containsExactly(
                "spec.problem: JudgeProblem 'aplusb' not found in namespace 'judge'",
                "spec.pool: JudgeNodePool 'default' not found in namespace 'judge'");
    }

    @Test
    void languageMustBeAllowedByProblemAndPool() {
        problem.getSpec().setLanguages(List.of(Language.C, Language.CPP));
        pool.getSpec().setLanguages(List.of(Language.PYTHON));
        assertThat(SubmissionValidator.validate(Fixtures.submission("s", "aplusb", Language.JAVA, "class A{}"), problem, pool))
                .containsExactly("spec.language: 'java' is not accepted by JudgeProblem 'aplusb' (spec.languages: c, cpp)",
                        "spec.language: 'java' is not served by JudgeNodePool 'default' (spec.languages: python); choose another spec.pool");
    }

    @Test
    void sourceSizeIsLimited() {
        String big = "x".repeat(KubeJudge.MAX_SOURCE_BYTES + 1);
        assertThat(SubmissionValidator.validate(Fixtures.submission("s", "aplusb", Language.C, big), problem, pool))
                .containsExactly("spec.source: 262145 bytes exceeds the limit of 262144 bytes");
        assertThat(SubmissionValidator.validate(Fixtures.submission("s", "aplusb", Language.C, ""), problem, pool))
                .containsExactly("spec.source: must not be empty");
    }

    @Test
    void poolPodsMustHoldTheProblemsMemoryLimit() {
        PodResources small = new PodResources();
        small.setMemory("256Mi");
        pool.getSpec().setResources(small);
        assertThat(SubmissionValidator.validate(Fixtures.submission("s"), problem, pool)).containsExactly(
                "spec.pool: JudgeNodePool 'default' pods have spec.resources.memory 256Mi, not more than the problem's memory limit of 256 MiB for cpp");
    }

    /** The runner gives Java twice the memory limit by default: a pool must hold that, not the bare limit. */
    @Test
    void poolPodsMustHoldTheLanguagesDefaultMultiplier() {
        PodResources mid = new PodResources();
        mid.setMemory("384Mi");
        pool.getSpec().setResources(mid);
        assertThat(SubmissionValidator.validate(Fixtures.submission("s"), problem, pool)).isEmpty();
        assertThat(SubmissionValidator.validate(Fixtures.submission("s", "aplusb", Language.JAVA, "class A{}"), problem, pool))
                .containsExactly("spec.pool: JudgeNodePool 'default' pods have spec.resources.memory 384Mi, not more than the problem's memory limit of 512 MiB for java");
    }

    /** The first languageLimits entry naming a language decides, as in the runner (RunLimits). */
    @Test
    void theFirstLanguageLimitsEntryDecides() {
        PodResources mid = new PodResources();
        mid.setMemory("384Mi");
        pool.getSpec().setResources(mid);
        io.kubejudge.model.v1alpha1.LanguageLimits first = new io.kubejudge.model.v1alpha1.LanguageLimits();
        first.setLanguage(Language.CPP);
        first.setMemoryMultiplier(1.0);
        io.kubejudge.model.v1alpha1.LanguageLimits second = new io.kubejudge.model.v1alpha1.LanguageLimits();
        second.setLanguage(Language.CPP);
        second.setMemoryMultiplier(4.0);
        problem.getSpec().setLanguageLimits(List.of(first, second));
        assertThat(SubmissionValidator.validate(Fixtures.submission("s"), problem, pool)).isEmpty();
        problem.getSpec().setLanguageLimits(List.of(second, first));
        assertThat(SubmissionValidator.validate(Fixtures.submission("s"), problem, pool)).singleElement().asString()
                .contains("memory limit of 1024 MiB for cpp");
    }

    @Test
    void testsWithoutDataAndOversizedInlineDataAreRefused() {
        problem.getSpec().getTests().get(1).setAnswer(null);
        assertThat(SubmissionValidator.validate(Fixtures.submission("s"), problem, pool)).containsExactly(
                "spec.problem: JudgeProblem 'aplusb' test 't2' has no inline input and answer and spec.dataConfigMaps is empty");
        JudgeProblem fat = Fixtures.problem("fat", 20);
        fat.getSpec().getTests().forEach(t -> t.setInput("1".repeat(60000)));
        assertThat(SubmissionValidator.validate(Fixtures.submission("s", "fat", Language.C, "int main(){}"), fat, pool))
                .singleElement().asString().startsWith("spec.source: the source (12 bytes) and JudgeProblem 'fat''s inline tests");
    }
}
