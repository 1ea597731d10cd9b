package io.kubejudge.testcluster.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code docker} command line, run to completion. */
final class DockerCli {

    /** What a finished {@code docker} command printed. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private DockerCli() {
    }

    static Result run(List<String> args) {
        return run(args, Duration.ofMinutes(2));
    }

    static Result run(List<String> args, Duration timeout) {
        return run(args, java.util.Map.of(), timeout);
    }

    /** @param environment added to the docker command's own environment (for {@code --env NAME}) */
    static Result run(List<String> args, java.util.Map<String, String> environment, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(args);
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(environment);
            Process p = pb.start();
            // Read both streams while it runs: a full pipe would block docker.
            var out = p.getInputStream();
            var err = p.getErrorStream();
            var errText = new java.util.concurrent.CompletableFuture<String>();
            Thread errReader = new Thread(() -> {
                try {
                    errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errText.complete("");
                }
            }, "docker-stderr");
            errReader.setDaemon(true);
            errReader.start();
            String stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("docker " + String.join(" ", args) + ": no answer within " + timeout);
            }
            return new Result(p.exitValue(), stdout.strip(), errText.join().strip());
        } catch (IOException e) {
            throw new UncheckedIOException("running docker (is it installed? scripts/docker-up.sh)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running docker " + args.get(0), e);
        }
    }

    /** Runs it and returns its output, or fails with docker's own message. */
    static String check(List<String> args) {
        Result r = run(args);
        if (!r.ok()) {
            throw new IllegalStateException("docker " + String.join(" ", args.subList(0, Math.min(3, args.size())))
                    + " failed (exit " + r.exitCode() + "): " + r.stderr());
        }
        return r.stdout();
    }
}
