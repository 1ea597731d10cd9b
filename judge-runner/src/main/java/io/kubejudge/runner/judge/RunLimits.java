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
public record RunLimits(long cpuMs, long wallMs, long memoryKiB, long outputKiB, long diskKiB) {

    /**
     * What all tests' outputs and the scratch directory may take together. It must fit in the
     * pod's work volume (pool {@code resources.workVolume}, 512Mi by default) with the build, or
     * the kubelet evicts the pod: the operator sets {@value #ENV_DISK_LIMIT} on the run step to
     * three quarters of the volume (this default for 512Mi); {@value #PROPERTY_DISK_LIMIT} is the
     * same setting for tests and embedders.
     */
    public static final long DEFAULT_DISK_MIB = 384;
    public static final String ENV_DISK_LIMIT = "KUBEJUDGE_DISK_LIMIT_MIB";
    /** The same, as a system property (tests, embedders); the environment wins. */
    public static final String PROPERTY_DISK_LIMIT = "kubejudge.disk-limit-mib";

    public static RunLimits of(JudgeProblemSpec spec, LanguageDefinition language) {
        double time = LanguageLimits.timeMultiplier(spec.getLanguageLimits(), language.language());
        double memory = LanguageLimits.memoryMultiplier(spec.getLanguageLimits(), language.language());
        long cpu = Math.max(1, Math.round(spec.getTimeLimitMs() * time));
        long mem = Math.max(1024, Math.round(spec.getMemoryLimitMiB() * memory * 1024));
        int outputMiB = spec.getOutputLimitMiB() == null ? 64 : spec.getOutputLimitMiB();
        return new RunLimits(cpu, 2 * cpu + 1000, mem, outputMiB * 1024L, diskMiB() * 1024);
    }

    private static long diskMiB() {
        String configured = System.getenv(ENV_DISK_LIMIT);
        if (configured == null) {
            configured = System.getProperty(PROPERTY_DISK_LIMIT);
        }
        if (configured == null || configured.isBlank()) {
            return DEFAULT_DISK_MIB;
        }
        try {
            long mib = Long.parseLong(configured.strip());
            if (mib > 0) {
                return mib;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(ENV_DISK_LIMIT + " must be a positive number of MiB, not '" + configured + "'");
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
