package io.kubejudge.runner.sandbox;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Guards tests that run hostile programs (fork bombs, kill(-1), memory bombs): they must run in a
 * PID namespace of their own, so that whatever escapes the sandbox under test can only reach the
 * test's own processes. Fails (never skips): a suite that silently skipped its security tests
 * would pass while proving nothing.
 */
public final class Containment {

    /** The inode of the kernel's initial PID namespace (PROC_PID_INIT_INO), the same on every Linux. */
    private static final String INITIAL_PID_NAMESPACE = "pid:[4026531836]";

    static final String HOW = "run the judge-runner tests in their own PID namespace: "
            + "unshare --pid --fork --mount-proc env KUBEJUDGE_CONTAINED=1 ./mvnw -pl judge-runner test";

    private Containment() {
    }

    public static void require() {
        if (!"1".equals(System.getenv("KUBEJUDGE_CONTAINED"))) {
            fail("This test runs hostile programs and refuses to run uncontained (KUBEJUDGE_CONTAINED is not 1"
                    + ("true".equals(System.getenv("CI")) ? "; CI must wrap the tests" : "") + "): " + HOW);
        }
        String namespace;
        try {
            namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException e) {
            throw new AssertionError("cannot read /proc/self/ns/pid to check containment: " + e.getMessage(), e);
        }
        if (INITIAL_PID_NAMESPACE.equals(namespace)) {
            fail("KUBEJUDGE_CONTAINED=1 but this JVM is in the machine's initial PID namespace: " + HOW);
        }
    }
}
