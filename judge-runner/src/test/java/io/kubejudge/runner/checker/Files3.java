package io.kubejudge.runner.checker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the three files a checker compares. */
final class Files3 {
    final Path input;
    final Path output;
    final Path answer;

    Files3(Path dir, String input, String output, String answer) throws IOException {
        this.input = Files.writeString(dir.resolve("t.in"), input, StandardCharsets.UTF_8);
        this.output = Files.writeString(dir.resolve("t.out"), output, StandardCharsets.UTF_8);
        this.answer = Files.writeString(dir.resolve("t.ans"), answer, StandardCharsets.UTF_8);
    }

    CheckOutcome checkWith(OutputChecker checker) throws IOException {
        return checker.check(input, output, answer);
    }
}
