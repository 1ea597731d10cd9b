package io.kubejudge.testcluster.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * The judge-runner CLI the runner image holds: the shaded jar
 * {@code judge-runner/target/judge-runner.jar}, built with
 * {@code ./mvnw -q -pl crds,judge-runner package -DskipTests} when it is missing or older than any
 * source of the runner or the API types (the same rule as the {@code ./kubejudge} script), or the
 * jar named by {@code -Dkubejudge.runner.jar} / {@code KUBEJUDGE_RUNNER_JAR}.
 */
public final class JudgeRunnerJar {

    private final Path repositoryRoot;
    private Path jar;

    public JudgeRunnerJar(Path repositoryRoot) {
        this.repositoryRoot = repositoryRoot;
    }

    public synchronized Path jar() {
        if (jar == null) {
            jar = locate();
        }
        return jar;
    }

    private Path locate() {
        String configured = System.getProperty("kubejudge.runner.jar", System.getenv("KUBEJUDGE_RUNNER_JAR"));
        if (configured != null && !configured.isBlank()) {
            Path explicit = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(explicit)) {
                throw new IllegalStateException("the judge-runner jar " + explicit + " (kubejudge.runner.jar) does not exist");
            }
            return explicit;
        }
        Path built = repositoryRoot.resolve("judge-runner/target/judge-runner.jar");
        try (FileChannel lockFile = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "kubejudge-runner-build.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (isStale(built)) {
                build();
            }
            if (!Files.isRegularFile(built)) {
                throw new IllegalStateException("building the judge-runner did not produce " + built);
            }
            return built;
        } catch (IOException e) {
            throw new UncheckedIOException("locating the judge-runner jar", e);
        }
    }

    private boolean isStale(Path built) throws IOException {
        if (!Files.isRegularFile(built)) {
            return true;
        }
        FileTime jarTime = Files.getLastModifiedTime(built);
        for (String source : List.of("judge-runner/src", "crds/src", "judge-runner/pom.xml", "crds/pom.xml", "pom.xml")) {
            Path path = repositoryRoot.resolve(source);
            if (!Files.exists(path)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(path)) {
                boolean newer = files.filter(Files::isRegularFile).anyMatch(f -> {
                    try {
                        return Files.getLastModifiedTime(f).compareTo(jarTime) > 0;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                if (newer) {
                    return true;
                }
            }
        }
        return false;
    }

    private void build() throws IOException {
        Path log = Files.createTempFile("kubejudge-runner-build", ".log");
        Process p = new ProcessBuilder(repositoryRoot.resolve("mvnw").toString(), "-q", "-pl", "crds,judge-runner",
                "package", "-DskipTests")
                .directory(repositoryRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            int exit = p.waitFor();
            if (exit != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new IllegalStateException("building the judge-runner failed (exit " + exit + "):\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the judge-runner", e);
        }
    }
}
