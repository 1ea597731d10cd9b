package io.kubejudge.runner.cli;

/** The runner's version, from the jar's manifest ("dev" when run from classes). */
public final class RunnerVersion {

    private RunnerVersion() {
    }

    public static String get() {
        String v = RunnerVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
