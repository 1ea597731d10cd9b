package io.kubejudge.testcluster.kubelet;

import java.io.PrintStream;
import java.util.List;

/**
 * An image's executable run inside the test JVM instead of as a process, e.g. the runner's
 * {@code io.kubejudge.runner.cli.Main.run}: the same code without a JVM start per container. It sees
 * the container's arguments (paths mapped) but not its environment, and it cannot be killed; only
 * for scenarios that inject no faults into those containers and where JVM starts would dominate.
 */
@FunctionalInterface
public interface InProcessProgram {
    int run(List<String> args, PrintStream out, PrintStream err);
}
