package io.kubejudge.runner.checker;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a problem setter's checker or validator. It is trusted code (it runs in the check
 * container, next to the answers) but can still hang or print without end: it gets a wall-clock
 * limit, its whole process tree is killed at the end, and only the first bytes of its combined
 * stdout and stderr are kept.
 */
final class CheckerProcess {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int OUTPUT_CAP = 64 * 1024;
    private static final File DEV_NULL = new File("/dev/null");

    private static final ExecutorService DRAINERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kubejudge-checker-output");
        t.setDaemon(true);
        return t;
    });

    /** How the process ended: its exit code (null when killed at the time limit) and output. */
    record Result(Integer exitCode, String output, boolean timedOut) {
    }

    private CheckerProcess() {
    }

    static Result run(List<String> command, Path directory, Path stdin, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(directory == null ? null : directory.toFile())
                .redirectErrorStream(true)
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(DEV_NULL) : ProcessBuilder.Redirect.from(stdin.toFile()));
        Process p = pb.start();
        Future<String> output = DRAINERS.submit(() -> drain(p.getInputStream()));
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
            throw new IOException("interrupted while waiting for the checker", e);
        }
        if (!finished) {
            kill(p);
        }
        // Children may outlive the checker and keep the pipe open: never wait on them.
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        String text;
        try {
            text = output.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            output.cancel(true);
            text = "";
        }
        return new Result(finished ? p.exitValue() : null, text, !finished);
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String drain(InputStream in) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                int room = OUTPUT_CAP - kept.size();
                if (room > 0) {
                    kept.write(buf, 0, Math.min(room, n));
                }
            }
        }
        return kept.toString(StandardCharsets.UTF_8);
    }
}
