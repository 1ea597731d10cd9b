package io.kubejudge.runner.problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes problem directories for tests, file by file. */
final class ProblemDirs {

    static final Path EXAMPLES = Path.of("..", "examples", "problems");

    private ProblemDirs() {
    }

    static Path write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    static void test(Path root, String dir, String name, String input, String answer) throws IOException {
        write(root, dir + "/" + name + ".in", input);
        write(root, dir + "/" + name + ".ans", answer);
    }
}
