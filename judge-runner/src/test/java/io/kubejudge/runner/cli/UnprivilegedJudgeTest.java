package io.kubejudge.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.judge.Json;
import io.kubejudge.runner.sandbox.Containment;
import io.kubejudge.runner.sandbox.LauncherBinary;
import io.kubejudge.runner.sandbox.ProgramUser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner as it runs in the pod: uid 65534, no capabilities, no home directory. There is no
 * user to drop to, so file permissions cannot protect the answers (they are world-readable
 * here): only Landlock does.
 */
class UnprivilegedJudgeTest {

    @TempDir
    Path dir;

    @Test
    void judgesAsNobodyWithTheAnswersOutOfReach() throws Exception {
        Containment.require();
        if (!ProgramUser.forThisProcess().switchTo().isPresent()) {
            fail("this test needs root to become uid 65534 (setpriv); the suite runs as root in CI and in the test wrapper");
            return;
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String classpath = copyClasspath(Files.createDirectories(dir.resolve("cp")));
        Path launcher = Files.copy(LauncherBinary.locate(), dir.resolve("kj-launcher"));

        Path problem = Files.createDirectories(dir.resolve("problem/tests"));
        Path answer = problem.resolve("peek.ans");
        Files.writeString(problem.getParent().resolve("problem.yaml"), "timeLimitMs: 1000\nmemoryLimitMiB: 64\n");
        Files.writeString(problem.resolve("peek.in"), answer + "\n");
        Files.writeString(answer, "denied\n");
        Files.writeString(problem.resolve("loop.in"), "loop\n");
        Files.writeString(problem.resolve("loop.ans"), "never\n");
        Path source = Files.writeString(dir.resolve("peek.c"), """
                #include <stdio.h>
                #include <string.h>
                int main(void) {
                    char path[4096], line[256];
                    if (scanf("%4095s", path) != 1) return 2;
                    if (!strcmp(path, "loop")) for (;;) {}
                    FILE *f = fopen(path, "r");
                    if (!f) { puts("denied"); return 0; }
                    while (fgets(line, sizeof line, f)) fputs("leaked: ", stdout), fputs(line, stdout);
                    return 0;
                }
                """);
        makeWorldReadable(dir);

        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, Main.class.getName(), "judge", problem.getParent().toString(), source.toString(), "--json"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        pb.environment().put("HOME", "/nonexistent");
        pb.environment().put(LauncherBinary.ENV_OVERRIDE, launcher.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(err).isZero();
        JudgeResult result = Json.MAPPER.readValue(out, JudgeResult.class);
        assertThat(result.judge().landlock()).isTrue();
        assertThat(result.tests()).extracting(t -> t.name() + "=" + t.verdict())
                .as(out).containsExactly("loop=" + Verdict.TIME_LIMIT_EXCEEDED, "peek=" + Verdict.ACCEPTED);
    }

    /** The test JVM's classpath (target/classes, jars under /root/.m2) copied where uid 65534 can read it. */
    private static String copyClasspath(Path target) throws IOException {
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source) || entry.contains("surefire")) {
                continue;
            }
            Path copy = target.resolve((i++) + "-" + source.getFileName());
            if (Files.isDirectory(source)) {
                copyTree(source, copy);
            } else {
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            entries.add(copy.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void makeWorldReadable(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isExecutable(f) ? "rwxr-xr-x" : "rw-r--r--"));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
