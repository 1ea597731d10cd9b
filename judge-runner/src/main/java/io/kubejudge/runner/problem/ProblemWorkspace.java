package io.kubejudge.runner.problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporary directories a loaded problem needs (flattened test data, a bundled checker source).
 * They live as long as the JVM: a loaded {@link Problem} is used until the command ends, and the
 * record has no close hook.
 */
final class ProblemWorkspace {

    private static final List<Path> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProblemWorkspace::deleteAll, "kubejudge-problem-cleanup"));
    }

    private ProblemWorkspace() {
    }

    static Path newDirectory(String prefix) throws ProblemException {
        try {
            Path dir = Files.createTempDirectory("kubejudge-" + prefix + "-");
            synchronized (CREATED) {
                CREATED.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new ProblemException("cannot create a temporary directory for the problem: " + e.getMessage(), e);
        }
    }

    private static void deleteAll() {
        synchronized (CREATED) {
            for (Path dir : CREATED) {
                try {
                    deleteRecursively(dir);
                } catch (IOException | UncheckedIOException ignored) {
                    // Best effort at exit: a leftover temp dir is harmless.
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
