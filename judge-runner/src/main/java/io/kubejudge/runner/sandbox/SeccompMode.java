package io.kubejudge.runner.sandbox;

/** Which system-call filter the launcher installs. */
public enum SeccompMode {
    /** A submitted program: no sockets, no process_vm_*, no namespaces, no ptrace. */
    RUN("run"),
    /** A compiler: as {@link #RUN}, plus the local socket pairs some toolchains use internally. */
    COMPILE("compile"),
    /** Trusted programs only. */
    NONE("none");

    private final String specValue;

    SeccompMode(String specValue) {
        this.specValue = specValue;
    }

    public String specValue() {
        return specValue;
    }
}
