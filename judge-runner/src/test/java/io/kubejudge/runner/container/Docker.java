package io.kubejudge.runner.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the docker CLI and captures what it printed; a command that outlives its time is killed, never left behind. */
final class Docker {

    private Docker() {
    }

    record Outcome(List<String> command, int exitCode, String stdout, String stderr) {

        boolean succeeded() {
            return exitCode == 0;
        }

        /** For assertion messages: what ran and everything it said. */
        String describe() {
            return String.join(" ", command) + "\n  exit code " + exitCode + "\n  stdout: " + stdout.strip()
                    + "\n  stderr: " + stderr.strip();
        }
    }

    static Outcome docker(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        return run(command, timeout, null);
    }

    static Outcome docker(Duration timeout, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(args);
        return run(command, timeout, null);
    }

    /**
     * Runs a command with stdout and stderr in temporary files (a pipe that nobody drains would
     * block a chatty command), killing it after {@code timeout}.
     */
    static Outcome run(List<String> command, Duration timeout, Path workingDir) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("kj-docker-", ".out");
            err = Files.createTempFile("kj-docker-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (workingDir != null) {
                pb.directory(workingDir.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                        + " s; stderr so far: " + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return new Outcome(List.copyOf(command), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file left in /tmp is harmless
            }
        }
    }
}
