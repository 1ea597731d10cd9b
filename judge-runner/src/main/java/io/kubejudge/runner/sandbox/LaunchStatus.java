package io.kubejudge.runner.sandbox;

/** How the launcher says one test ended (before any output is checked). */
public enum LaunchStatus {
    /** Exited with code 0 within every limit. */
    OK,
    /** Exited non-zero or was killed by a signal. */
    RE,
    /** CPU time or wall-clock limit exceeded. */
    TLE,
    /** Peak memory above the limit. */
    MLE,
    /** The file size limit stopped a write. */
    OLE,
    /** The launcher could not run the program (setup failed): the judge's fault, not the program's. */
    SE
}
