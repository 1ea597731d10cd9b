package io.kubejudge.runner.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The runner image under test, built once per JVM by {@code scripts/build-runner-image.sh} (which
 * starts Docker when needed and skips the build when the image's inputs have not changed).
 * Failing to get an image fails the tests: the container tests are never skipped.
 */
final class RunnerImage {

    /** The profile the pod uses, from the checkout (the one the image ships is a copy of it). */
    static final Path SECCOMP_PROFILE = RepositoryRoot.PATH.resolve("judge-runner/seccomp/judge-runner.json");

    private static String reference;

    private RunnerImage() {
    }

    static synchronized String reference() {
        if (reference == null) {
            reference = build();
        }
        return reference;
    }

    private static String build() {
        Path script = RepositoryRoot.PATH.resolve("scripts/build-runner-image.sh");
        if (!Files.isExecutable(script)) {
            throw new AssertionError(script + " is missing or not executable");
        }
        // The first build downloads compilers and a JDK: minutes. Later calls find the image by its inputs' hash.
        Docker.Outcome built = Docker.run(List.of(script.toString()), Duration.ofMinutes(20), RepositoryRoot.PATH);
        if (!built.succeeded()) {
            throw new AssertionError("""
                    The runner image could not be built, so the container tests cannot run (what the
                    script said is below). They need a Docker engine, which scripts/docker-up.sh
                    installs and starts (as root), and the runner jar, which the script packages.
                    """ + built.describe());
        }
        String[] lines = built.stdout().strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
