package io.kubejudge.testcluster.kubelet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One container's main process. As root it runs in its own PID namespace
 * ({@code unshare --pid --fork --kill-child --mount-proc}), so that killing the container kills
 * everything it started, however it daemonised or re-grouped itself — what a container runtime
 * does with the container's cgroup — and as the container's user ({@code setpriv}, see {@link RunAs}).
 * Without root it runs as the current user and falls back to killing the process tree.
 * Standard output and error go to one log file, interleaved, as {@code kubectl logs} shows them.
 */
public final class ContainerProcess implements ContainerRun {

    private static final boolean CONTAINED = isRoot() && Files.isExecutable(Path.of("/usr/bin/unshare"));

    private final Process process;

    private ContainerProcess(Process process) {
        this.process = process;
    }

    static ContainerProcess start(List<String> argv, Map<String, String> env, Path workingDir, Path log, RunAs user)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (CONTAINED) {
            command.addAll(List.of("/usr/bin/unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "--"));
            if (!user.isRoot()) {
                command.addAll(user.setpriv());
            }
        }
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (workingDir != null) {
            pb.directory(workingDir.toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(env);
        return new ContainerProcess(pb.start());
    }

    @Override
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL to the container: the namespace's init dies, and the kernel kills the rest. */
    @Override
    public void kill() {
        if (!CONTAINED) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
