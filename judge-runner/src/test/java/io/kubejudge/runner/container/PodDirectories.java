package io.kubejudge.runner.container;

import io.kubejudge.model.v1alpha1.CheckerProgram;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.judge.Json;
import io.kubejudge.runner.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The host directories that stand in for the pod's volumes, laid out as the operator's
 * ConfigMaps project them: the submission (problem.json, submission.json, the source), the
 * inputs alone (what the run step may see), the inputs with the answers and the checker source
 * (what only the check step sees), the shared work directory and one termination-message file
 * per step. Mounted directories are world-readable because the containers run as uid 65534;
 * real files, never symbolic links, because a link to a host path means nothing in a container.
 */
record PodDirectories(Path root, Path submission, Path inputs, Path data, Path work) {

    static final int NOBODY = 65534;

    static PodDirectories create(Problem problem, String language, String fileName, String source) throws IOException {
        Path root = Files.createTempDirectory("kj-pod-");
        PodDirectories dirs = new PodDirectories(root, root.resolve("submission"), root.resolve("inputs"),
                root.resolve("data"), root.resolve("work"));
        for (Path dir : new Path[] {dirs.submission, dirs.inputs, dirs.data}) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        JudgeProblemSpec spec = problem.spec();
        dirs.writeReadable(dirs.submission.resolve("problem.json"), Json.write(spec));
        dirs.writeReadable(dirs.submission.resolve("submission.json"),
                Json.write(Map.of("language", language, "fileName", fileName, "problem", problem.name())));
        dirs.writeReadable(dirs.submission.resolve(fileName), source);
        for (TestCase test : spec.getTests()) {
            dirs.copyReadable(problem.input(test), dirs.inputs.resolve(test.getName() + ".in"));
            dirs.copyReadable(problem.input(test), dirs.data.resolve(test.getName() + ".in"));
            dirs.copyReadable(problem.answer(test), dirs.data.resolve(test.getName() + ".ans"));
        }
        CheckerProgram program = spec.getChecker() == null ? null : spec.getChecker().getProgram();
        if (program != null && program.getConfigMapKey() != null) {
            dirs.copyReadable(problem.checkerSource(), dirs.data.resolve(program.getConfigMapKey()));
        }
        Files.createDirectories(dirs.work);
        ownedByNobody(dirs.work);
        return dirs;
    }

    /** An empty termination-message file for one step, writable by the container's user (the kubelet's /dev/termination-log). */
    Path terminationLog(String step) throws IOException {
        Path file = root.resolve(step + ".termination-log");
        Files.deleteIfExists(file);
        Files.createFile(file);
        ownedByNobody(file);
        return file;
    }

    void delete() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void writeReadable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private void copyReadable(Path from, Path to) throws IOException {
        Files.copy(from.toRealPath(), to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** As root (CI): owned by 65534 like an emptyDir with fsGroup; otherwise writable by everybody. */
    private static void ownedByNobody(Path p) throws IOException {
        try {
            Files.setAttribute(p, "unix:uid", NOBODY);
            Files.setAttribute(p, "unix:gid", NOBODY);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
        }
    }
}
