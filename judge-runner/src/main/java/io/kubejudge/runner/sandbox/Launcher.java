package io.kubejudge.runner.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;

/**
 * Runs a batch through the native launcher ({@code kj-launcher <spec>}) and reads back one
 * {@link Measurement} per test. One process for the whole batch keeps the per-test cost near
 * that of a bare fork+exec.
 */
public final class Launcher {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** Beyond the sum of the tests' wall limits: the launcher's own start, kill and reap. */
    private static final long GRACE_MS = 10_000;

    /** The launcher's exit code when Landlock was required and could not be applied. */
    static final int EXIT_NO_LANDLOCK = 4;

    private Path binary;
    private final boolean landlockRequired;

    public Launcher(Path binary) {
        this(binary, true);
    }

    /**
     * @param landlockRequired refuse to run anything that has Landlock paths when Landlock cannot be
     *                         applied ({@link LandlockUnavailableException}); false only on the
     *                         explicit request of a local user
     */
    public Launcher(Path binary, boolean landlockRequired) {
        this.binary = binary;
        this.landlockRequired = landlockRequired;
    }

    /**
     * The launcher of this machine (see {@link LauncherBinary}), found (or built) when first
     * used: a check step with a plain checker never needs it.
     */
    public static Launcher local() {
        return new Launcher(null);
    }

    /** As {@link #local()}, running programs without Landlock where the kernel has none. */
    public static Launcher localAllowingNoLandlock() {
        return new Launcher(null, false);
    }

    public synchronized Path binary() throws SandboxException {
        if (binary == null) {
            binary = LauncherBinary.locate();
        }
        return binary;
    }

    /**
     * Runs every test of {@code spec}. The spec file and the launcher's diagnostics are written to
     * {@code scratchDir} (the runner's, not the program's).
     */
    public List<Measurement> run(LaunchSpec spec, Path scratchDir) throws SandboxException {
        return run(spec, scratchDir, m -> { });
    }

    /** As {@link #run(LaunchSpec, Path)}, telling {@code eachTest} of every test as soon as the launcher reports it. */
    public List<Measurement> run(LaunchSpec spec, Path scratchDir, Consumer<Measurement> eachTest) throws SandboxException {
        Path specFile;
        Path diagnostics;
        try {
            Files.createDirectories(scratchDir);
            specFile = Files.createTempFile(scratchDir, "launch-", ".spec");
            diagnostics = specFile.resolveSibling(specFile.getFileName() + ".stderr");
            boolean confined = !spec.readOnly().isEmpty() || !spec.readWrite().isEmpty();
            String required = landlockRequired && confined ? "landlock_required=1\n" : "";
            Files.writeString(specFile, required + spec.render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SandboxException("cannot write the launcher spec in " + scratchDir + ": " + e.getMessage(), e);
        }
        Path launcherBinary = binary();
        ProcessBuilder pb = new ProcessBuilder(launcherBinary.toString(), specFile.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(diagnostics.toFile());
        List<Measurement> results = new ArrayList<>(spec.tests().size());
        Process process;
        try {
            warmUpProcessReaper();
            process = pb.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start the launcher " + launcherBinary + ": " + e.getMessage(), e);
        }
        try {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Measurement m = parse(line);
                    results.add(m);
                    eachTest.accept(m);
                }
            }
            long budget = GRACE_MS + spec.limits().wallMs() * spec.tests().size();
            if (!process.waitFor(budget, TimeUnit.MILLISECONDS)) {
                throw new SandboxException("the launcher did not finish within " + budget + " ms");
            }
            int exit = process.exitValue();
            if (exit == EXIT_NO_LANDLOCK && results.isEmpty()) {
                throw new LandlockUnavailableException(tail(diagnostics));
            }
            if (exit != 0 || !complete(spec, results)) {
                throw new SandboxException("the launcher failed (exit code " + exit + ", " + results.size() + " of "
                        + spec.tests().size() + " tests reported): " + tail(diagnostics));
            }
            Files.deleteIfExists(specFile);
            Files.deleteIfExists(diagnostics);
            return results;
        } catch (IOException e) {
            throw new SandboxException("reading the launcher's results failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while the launcher ran", e);
        } finally {
            stop(process);
        }
    }

    /** Every test reported, or (stop_on_failure) every test up to the first that ended the batch. */
    private static boolean complete(LaunchSpec spec, List<Measurement> results) {
        if (results.size() == spec.tests().size()) {
            return true;
        }
        return spec.stopOnFailure() && !results.isEmpty() && results.size() < spec.tests().size()
                && spec.endsBatch(results.get(results.size() - 1));
    }

    /**
     * SIGTERM lets the launcher kill the program's whole process group before it exits; SIGKILL
     * would end only the launcher (and, through the parent-death signal, the main program).
     */
    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Java creates the thread that waits for a child just after the child starts. A fork bomb can
     * fill the pod's pids limit within milliseconds of that start, and the JVM then fails with
     * "unable to create native thread". A finished child leaves its reaper thread idle (cached
     * for 60 s), so starting a trivial process first means the launcher's start needs no new thread.
     */
    private static void warmUpProcessReaper() throws IOException {
        try {
            new ProcessBuilder("true").redirectErrorStream(true).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Measurement parse(String line) throws SandboxException {
        try {
            return JSON.readValue(line, Measurement.class);
        } catch (IOException e) {
            throw new SandboxException("unexpected launcher output: " + line, e);
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no diagnostics)" : text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no diagnostics: " + e.getMessage() + ")";
        }
    }
}
