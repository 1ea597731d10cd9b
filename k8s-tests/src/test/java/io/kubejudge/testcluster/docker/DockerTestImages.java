package io.kubejudge.testcluster.docker;

import io.kubejudge.testcluster.RepositoryLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Docker engine and the test images of the Docker-pod tests: {@code scripts/docker-up.sh} starts
 * the engine (and imports debian:bookworm-slim) when needed, and each image is built from
 * {@code k8s-tests/src/test/docker/<name>/} as {@code kubejudge-test/<name>} once per JVM (Docker's
 * layer cache makes a rebuild of unchanged files quick). No engine fails the tests: they are never skipped.
 */
public final class DockerTestImages {

    public static final String TOOLS = "kubejudge-test/tools";
    public static final String REDIS = "kubejudge-test/redis";

    private static boolean engineUp;
    private static final Set<String> built = new HashSet<>();

    private DockerTestImages() {
    }

    /** The image {@code kubejudge-test/<name>}, built if this JVM has not built it yet. */
    public static synchronized String image(String name) {
        if (!engineUp) {
            run(List.of(RepositoryLayout.root().resolve("scripts/docker-up.sh").toString()),
                    "the Docker engine could not be started (these tests need one; scripts/docker-up.sh installs and starts it as root)");
            engineUp = true;
        }
        String reference = "kubejudge-test/" + name;
        if (built.add(reference)) {
            Path context = RepositoryLayout.root().resolve("k8s-tests/src/test/docker").resolve(name);
            run(List.of("docker", "build", "-q", "--network", "host", "-t", reference, context.toString()),
                    "building " + reference + " from " + context);
        }
        return reference;
    }

    /** {@code sh -c script} in a running container: its exit code and output (stdout and stderr). */
    public record Exec(int exitCode, String output) {
    }

    public static Exec exec(String containerId, String script) {
        try {
            Process p = new ProcessBuilder("docker", "exec", containerId, "sh", "-c", script).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("docker exec " + script + ": no end within 60 s");
            }
            return new Exec(p.exitValue(), out.strip());
        } catch (IOException e) {
            throw new AssertionError("docker exec failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What {@code docker <args>} printed, failing the test when it fails. */
    public static String docker(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(command, "docker " + String.join(" ", args));
    }

    private static String run(List<String> command, String what) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AssertionError(what + " failed:\n" + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new AssertionError(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
