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

    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;

    private final WorkDir work;
    /** Why no output may be read at all, or null. */
    private final String dirRefusal;
    private final long ourUid;

    /** Examines {@code out/} once; {@link #refusal(String)} then costs one lstat per test. */
    RunOutput(WorkDir work) {
        this.work = work;
        String refusal = null;
        long uid = -1;
        try {
            uid = fileSystemUid();
            // The work directory itself is the pod's volume (owned by root); out/ is the run step's.
            Path outputs = work.outputs();
            Map<String, Object> dir = Files.readAttributes(outputs, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            if (!Files.isDirectory(work.root(), LinkOption.NOFOLLOW_LINKS) || ((Integer) dir.get("mode") & TYPE_MASK) != 0040000
                    || ((Number) dir.get("uid")).longValue() != uid) {
                refusal = outputs + " is not the run step's directory";
            }
        } catch (IOException | RuntimeException e) {
            refusal = "the outputs cannot be examined: " + e.getMessage();
        }
        this.dirRefusal = refusal;
        this.ourUid = uid;
    }

    /** Why the output of {@code test} must not be read, or empty when it is a plain file of ours. */
    Optional<String> refusal(String test) {
        if (dirRefusal != null) {
            return Optional.of(dirRefusal);
        }
        try {
            Map<String, Object> file = Files.readAttributes(work.stdout(test), "unix:mode,uid,nlink", LinkOption.NOFOLLOW_LINKS);
            int type = (Integer) file.get("mode") & TYPE_MASK;
            if (type == 0120000) {
                return Optional.of("the output file was replaced by a symbolic link");
            }
            if (type != REGULAR) {
                return Optional.of("the output file is not a regular file");
            }
            if (((Number) file.get("nlink")).intValue() != 1) {
                return Optional.of("the output file has other names (hard links)");
            }
            if (((Number) file.get("uid")).longValue() != ourUid) {
                return Optional.of("the output file is not the one the run step created (owner uid " + file.get("uid") + ")");
            }
            return Optional.empty();
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.of("the output file is missing");
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
}
