package io.kubejudge.testcluster.kubelet;

/** A started container's main program: waited for, or killed. */
interface ContainerRun {

    /** Waits for the exit; killed by signal N means 128 + N, as container runtimes report it. */
    int waitFor() throws InterruptedException;

    void kill();
}
