package io.kubejudge.runner.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.LanguageLimits;
import io.kubejudge.runner.language.Languages;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunLimitsTest {

    private static JudgeProblemSpec spec() {
        JudgeProblemSpec spec = new JudgeProblemSpec();
        spec.setTimeLimitMs(1000);
        spec.setMemoryLimitMiB(256);
        spec.setOutputLimitMiB(16);
        return spec;
    }

    @Test
    void problemLimitsTimesTheLanguageDefaults() {
        RunLimits c = RunLimits.of(spec(), Languages.of(Language.C));
        assertThat(c).isEqualTo(new RunLimits(1000, 3000, 256 * 1024, 16 * 1024, RunLimits.DEFAULT_DISK_MIB * 1024));
        RunLimits java = RunLimits.of(spec(), Languages.of(Language.JAVA));
        assertThat(java.cpuMs()).isEqualTo(2000);
        assertThat(java.wallMs()).isEqualTo(5000);
        assertThat(java.memoryKiB()).isEqualTo(512 * 1024);
        assertThat(RunLimits.of(spec(), Languages.of(Language.PYTHON)).cpuMs()).isEqualTo(3000);
    }

    @Test
    void theProblemsLanguageLimitsOverrideTheDefaults() {
        JudgeProblemSpec spec = spec();
        LanguageLimits python = new LanguageLimits();
        python.setLanguage(Language.PYTHON);
        python.setTimeMultiplier(5.0);
        spec.setLanguageLimits(List.of(python));
        RunLimits limits = RunLimits.of(spec, Languages.of(Language.PYTHON));
        assertThat(limits.cpuMs()).isEqualTo(5000);
        assertThat(limits.memoryKiB()).as("memory multiplier not given: the default").isEqualTo(256 * 1024);
    }

    /** The rule the operator's validator and the Job's deadline use too (LanguageLimits). */
    @Test
    void theFirstEntryForALanguageDecides() {
        JudgeProblemSpec spec = spec();
        LanguageLimits first = new LanguageLimits();
        first.setLanguage(Language.C);
        first.setTimeMultiplier(2.0);
        LanguageLimits second = new LanguageLimits();
        second.setLanguage(Language.C);
        second.setTimeMultiplier(4.0);
        spec.setLanguageLimits(List.of(first, second));
        assertThat(RunLimits.of(spec, Languages.of(Language.C)).cpuMs()).isEqualTo(2000);
    }

    @Test
    void stackIsAsLargeAsTheMemoryLimit() {
        RunLimits limits = RunLimits.of(spec(), Languages.of(Language.CPP));
        assertThat(limits.toSandbox(Languages.of(Language.CPP), 16).stackKiB()).isEqualTo(256 * 1024);
        assertThat(limits.toSandbox(Languages.of(Language.CPP), 16).fileSizeKiB()).isEqualTo(16 * 1024);
        assertThat(limits.toSandbox(Languages.of(Language.JAVA), 64).addressSpace()).isFalse();
    }
}
