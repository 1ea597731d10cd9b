package io.kubejudge.runner.judge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a test's output in {@code out/} is still the file the run step's launcher created,
 * before a checker (which opens it by name) reads it. Landlock keeps the program out of
 * {@code out/}; this is the second wall: a program that got there could have put a symbolic link
 * (or a hard link) to the answers in its place, which the check step, the only one that sees the
 * answers, would then read as the program's output. Nothing runs while the check step does, so
 * what is checked here is what the checker reads.
 */
final class RunOutput {

    private RunOutput() {
    }

    /** Why the output of {@code test} must not be read, or empty when it is a plain file of ours. */
    static Optional<String> refusal(WorkDir work, String test) {
        Path out = work.stdout(test);
        try {
            long ourUid = fileSystemUid();
            // The work directory itself is the pod's volume (owned by root); out/ is the run step's.
            Path outputs = work.outputs();
            if (!Files.isDirectory(work.root(), LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(outputs, LinkOption.NOFOLLOW_LINKS)
                    || uid(outputs) != ourUid) {
                return Optional.of(outputs + " is not the run step's directory");
            }
            if (Files.isSymbolicLink(out)) {
                return Optional.of("the output file was replaced by a symbolic link");
            }
            if (!Files.isRegularFile(out, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of("the output file is missing or not a regular file");
            }
            Map<String, Object> file = Files.readAttributes(out, "unix:uid,nlink", LinkOption.NOFOLLOW_LINKS);
            if (((Number) file.get("nlink")).intValue() != 1) {
                return Optional.of("the output file has other names (hard links)");
            }
            if (((Number) file.get("uid")).longValue() != ourUid) {
                return Optional.of("the output file is not the one the run step created (owner uid " + file.get("uid") + ")");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("the output file cannot be examined: " + e.getMessage());
        }
    }

    /**
     * The uid our files are created with. Not the owner of /proc/self: a process whose uid was
     * switched (setpriv, su) is not dumpable, and its /proc entries then belong to root.
     */
    private static long fileSystemUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                return Long.parseLong(ids[3]);
            }
        }
        throw new IOException("no Uid line in /proc/self/status");
    }

    private static long uid(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
    }
}
