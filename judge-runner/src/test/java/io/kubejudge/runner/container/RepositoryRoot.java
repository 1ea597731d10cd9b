package io.kubejudge.runner.container;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root, found from the module directory Maven runs the tests in. */
final class RepositoryRoot {

    static final Path PATH = find();

    private RepositoryRoot() {
    }

    private static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("judge-runner"))) {
                return p;
            }
        }
        throw new IllegalStateException("no KubeJudge checkout (mvnw and judge-runner/) above " + dir);
    }
}
