package io.kubejudge.runner.judge;

import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.LanguageLimits;
import io.kubejudge.runner.language.LanguageDefinition;
import io.kubejudge.runner.sandbox.SandboxLimits;

/**
 * The limits one language gets on one problem: the problem's limits times the language's
 * multipliers (the first of the problem's languageLimits naming the language, else its defaults). The wall-clock limit
 * (2 x CPU + 1 s) only catches programs that sleep or block; the stack may grow as large as the
 * memory limit, as on the common judges.
 */
public record RunLimits(long cpuMs, long wallMs, long memoryKiB, long outputKiB) {

    public static RunLimits of(JudgeProblemSpec spec, LanguageDefinition language) {
        double time = LanguageLimits.timeMultiplier(spec.getLanguageLimits(), language.language());
        double memory = LanguageLimits.memoryMultiplier(spec.getLanguageLimits(), language.language());
        long cpu = Math.max(1, Math.round(spec.getTimeLimitMs() * time));
        long mem = Math.max(1024, Math.round(spec.getMemoryLimitMiB() * memory * 1024));
        int outputMiB = spec.getOutputLimitMiB() == null ? 64 : spec.getOutputLimitMiB();
        return new RunLimits(cpu, 2 * cpu + 1000, mem, outputMiB * 1024L);
    }

    /** @param tasks the task limit the program's identity allows (see ProgramUser#taskLimit) */
    public SandboxLimits toSandbox(LanguageDefinition language, int tasks) {
        return new SandboxLimits(cpuMs, wallMs, memoryKiB, language.addressSpaceLimited(), language.addressSpaceExtraKiB(),
                memoryKiB, outputKiB, 64, tasks);
    }

    public LanguageDefinition.RuntimeSize runtimeSize() {
        return new LanguageDefinition.RuntimeSize(memoryKiB, memoryKiB);
    }
}
