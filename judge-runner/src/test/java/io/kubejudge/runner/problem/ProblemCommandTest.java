package io.kubejudge.runner.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.runner.cli.ProblemCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code problem} command (io.kubejudge.runner.cli.ProblemCommand), tested with the problem code it fronts. */
class ProblemCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ProblemCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheManifestOfAProblemDirectory() throws Exception {
        Path example = ProblemDirs.EXAMPLES.resolve("aplusb");
        assertThat(run(example.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(ProblemManifest.render(ProblemLoader.load(example)));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void writesItToAFileOnRequest() throws Exception {
        Path target = dir.resolve("k.yaml");
        assertThat(run(ProblemDirs.EXAMPLES.resolve("aplusb-kattis").toString(), "--output", target.toString())).isZero();
        assertThat(Files.readString(target)).contains("kind: \"JudgeProblem\"").contains("validator.cpp: |");
        assertThat(out.size()).isZero();
    }

    @Test
    void aBadProblemDirectoryFailsWithTheReason() throws Exception {
        Path p = dir.resolve("p");
        ProblemDirs.write(p, "problem.yaml", "timeLimitMs: 99999\nmemoryLimitMiB: 64\n");
        ProblemDirs.test(p, "tests", "1", "", "");
        assertThat(run(p.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("timeLimitMs: 99999 is outside 1..60000");
        assertThat(out.size()).isZero();
    }

    @Test
    void badUsageSaysHowToUseIt() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: kubejudge problem <problem-dir>");
        assertThat(run("a", "b")).isEqualTo(2);
        assertThat(run("a", "--output")).isEqualTo(2);
    }
}
