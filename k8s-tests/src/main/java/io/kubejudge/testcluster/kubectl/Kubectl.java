package io.kubejudge.testcluster.kubectl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real kubectl ({@value #BINARY}, v1.32) run against a kubeconfig, with its own discovery cache
 * directory so that runs against different test clusters never share cached discovery.
 */
public final class Kubectl {

    public static final Path BINARY = Path.of("/usr/bin/kubectl");
    public static final int MINIMUM_MINOR_VERSION = 32;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Path kubeconfig;
    private final Path cacheDir;

    private Kubectl(Path kubeconfig, Path cacheDir) {
        this.kubeconfig = kubeconfig;
        this.cacheDir = cacheDir;
    }

    /**
     * kubectl with this kubeconfig, its cache under {@code workDir}. Fails at once when kubectl is missing or
     * older than v1.32 (Debian's {@code kubernetes-client} package is too old: install the upstream v1.32
     * binary at /usr/bin/kubectl).
     */
    public static Kubectl using(Path kubeconfig, Path workDir) {
        requireInstalled();
        return new Kubectl(kubeconfig, workDir.resolve("kubectl-cache"));
    }

    /** Runs {@code kubectl <args>} with the default timeout (60 s). */
    public Result run(String... args) {
        return run(DEFAULT_TIMEOUT, args);
    }

    /** Runs {@code kubectl <args>}; a run that outlives the timeout is killed and reported as a failure. */
    public Result run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cacheDir.toString()));
        command.addAll(List.of(args));
        return exec(command, timeout);
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** What one kubectl run did. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        public static final int TIMED_OUT = -1;

        /** This result, or an AssertionError with the command and both outputs when kubectl failed. */
        public Result ok() {
            if (exitCode != 0) {
                throw new AssertionError(this);
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n  exit: " + (exitCode == TIMED_OUT ? "timed out" : exitCode)
                    + "\n  stdout: " + stdout.strip().replace("\n", "\n          ")
                    + "\n  stderr: " + stderr.strip().replace("\n", "\n          ");
        }
    }

    private static Result exec(List<String> command, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + command, e);
        }
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            return new Result(List.copyOf(command), exited ? process.exitValue() : Result.TIMED_OUT, out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the output of " + command, e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static volatile boolean checked;

    private static void requireInstalled() {
        if (checked) {
            return;
        }
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("kubectl v1." + MINIMUM_MINOR_VERSION + "+ is needed at " + BINARY
                    + " (Debian's kubernetes-client package is too old; install the upstream kubectl v1.32 binary there)");
        }
        Result version = exec(List.of(BINARY.toString(), "version", "--client", "-o", "json"), Duration.ofSeconds(30));
        Matcher minor = Pattern.compile("\"minor\"\\s*:\\s*\"(\\d+)").matcher(version.stdout());
        if (version.exitCode() != 0 || !minor.find() || Integer.parseInt(minor.group(1)) < MINIMUM_MINOR_VERSION) {
            throw new IllegalStateException("kubectl at " + BINARY + " must be v1." + MINIMUM_MINOR_VERSION + " or newer: " + version);
        }
        checked = true;
    }
}
