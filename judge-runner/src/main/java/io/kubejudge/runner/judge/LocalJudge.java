package io.kubejudge.runner.judge;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.sandbox.SandboxException;
import io.kubejudge.runner.sandbox.SystemPaths;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The three pod steps on one machine, through the same code: a temporary work directory, an
 * inputs-only directory for the run step (links to the {@code .in} files, so the program's
 * sandbox has nothing to hide but the problem itself), the problem's data directory for the
 * check step.
 */
public final class LocalJudge {

    private final Steps steps;
    private final String runnerVersion;

    public LocalJudge(Steps steps, String runnerVersion) {
        this.steps = steps;
        this.runnerVersion = runnerVersion;
    }

    /** How long each step took, measured inside the runner (no JVM start). */
    public record Timings(long compileMs, long runMs, long checkMs) {
        public long totalMs() {
            return compileMs + runMs + checkMs;
        }
    }

    public record Outcome(JudgeResult result, Timings timings, Optional<Path> keptWorkDir) {
    }

    /**
     * @param keepWorkDir leave the work directory (outputs, compiler log) for inspection
     * @throws IOException when the problem's data would be visible to the program, or files fail
     */
    public Outcome judge(Problem problem, Language language, String source, boolean keepWorkDir) throws SandboxException, IOException {
        refuseExposedData(problem);
        Path root = Files.createTempDirectory("kubejudge-judge-");
        try {
            // Programs may run as another user: they need to pass through (not list) this directory.
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            WorkDir work = new WorkDir(root.resolve("work"));
            Files.createDirectories(work.root());
            Path inputs = linkInputs(problem, root.resolve("inputs"));

            long t0 = System.nanoTime();
            CompileReport compiled = steps.compile().compile(problem.spec(), language, source, work);
            long t1 = System.nanoTime();
            RunReport ran = steps.run().run(problem, compiled, inputs, work, p -> { });
            long t2 = System.nanoTime();
            JudgeResult result = steps.check().check(problem, compiled, ran, work, runnerVersion);
            long t3 = System.nanoTime();
            Timings timings = new Timings((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            return new Outcome(result, timings, keepWorkDir ? Optional.of(work.root()) : Optional.empty());
        } finally {
            if (!keepWorkDir) {
                deleteTree(root);
            }
        }
    }

    private static Path linkInputs(Problem problem, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (TestCase test : problem.spec().getTests()) {
            Path input = problem.input(test).toAbsolutePath();
            if (!Files.isRegularFile(input)) {
                throw new IOException("test '" + test.getName() + "': input file " + input + " is missing");
            }
            Files.createSymbolicLink(dir.resolve(test.getName() + ".in"), input);
        }
        return dir;
    }

    /** Answers below a directory the sandbox shows read-only would be readable by every submission. */
    private static void refuseExposedData(Problem problem) throws IOException {
        for (TestCase test : problem.spec().getTests()) {
            Path answer = problem.answer(test);
            Optional<Path> exposing = SystemPaths.exposing(answer);
            if (exposing.isPresent()) {
                throw new IOException("the answer file " + answer + " lies below " + exposing.get()
                        + ", which submissions may read: move the problem elsewhere (e.g. under your home or /srv)");
            }
        }
    }

    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    // A program may have left a directory it made unreadable: open it up first.
                    dir.toFile().setWritable(true, true);
                    dir.toFile().setExecutable(true, true);
                    dir.toFile().setReadable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Best effort: a leftover temporary directory is harmless.
        }
    }
}
