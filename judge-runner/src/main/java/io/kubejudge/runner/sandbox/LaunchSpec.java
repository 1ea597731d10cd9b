package io.kubejudge.runner.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One launcher batch: a program, how it is confined, and the tests it runs (sequentially, each
 * with its own standard streams). Rendered as the launcher's line-based spec file.
 *
 * @param environment the program's whole environment (nothing is inherited)
 * @param readOnly    paths the program may read and execute (Landlock); everything else is hidden
 * @param readWrite   paths the program may also write
 * @param stopOnFailure end the batch at the first test the launcher does not report OK (the
 *                      later tests are neither run nor reported)
 */
public record LaunchSpec(
        List<String> command,
        Map<String, String> environment,
        Path workingDirectory,
        SandboxLimits limits,
        ProgramUser user,
        List<Path> readOnly,
        List<Path> readWrite,
        SeccompMode seccomp,
        List<TestStreams> tests,
        boolean stopOnFailure) {

    /** Where one test's standard streams come from and go to; stdout and stderr may be the same file. */
    public record TestStreams(String name, Path stdin, Path stdout, Path stderr) {
    }

    /** A batch that runs every test. */
    public LaunchSpec(List<String> command, Map<String, String> environment, Path workingDirectory, SandboxLimits limits,
            ProgramUser user, List<Path> readOnly, List<Path> readWrite, SeccompMode seccomp, List<TestStreams> tests) {
        this(command, environment, workingDirectory, limits, user, readOnly, readWrite, seccomp, tests, false);
    }

    public LaunchSpec {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(seccomp, "seccomp");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("a launcher batch needs at least one test");
        }
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        readOnly = List.copyOf(readOnly);
        readWrite = List.copyOf(readWrite);
        tests = List.copyOf(tests);
    }

    /** The spec file's text (see kj-launcher.c for the format). */
    public String render() {
        StringBuilder out = new StringBuilder(256 + 128 * tests.size());
        for (String arg : command) {
            line(out, "arg", arg);
        }
        environment.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> line(out, "env", e.getKey() + "=" + e.getValue()));
        line(out, "dir", workingDirectory.toString());
        line(out, "cpu_ms", limits.cpuMs());
        line(out, "wall_ms", limits.wallMs());
        line(out, "memory_kib", limits.memoryKiB());
        line(out, "as_limit", limits.addressSpace() ? 1 : 0);
        line(out, "as_extra_kib", limits.addressSpaceExtraKiB());
        line(out, "stack_kib", limits.stackKiB());
        line(out, "fsize_kib", limits.fileSizeKiB());
        line(out, "nofile", limits.openFiles());
        if (limits.extraTasks() > 0) {
            line(out, "nproc", limits.extraTasks());
        }
        user.switchTo().ifPresent(uid -> {
            line(out, "uid", uid);
            line(out, "gid", uid);
        });
        for (Path p : readOnly) {
            line(out, "landlock_ro", p.toString());
        }
        for (Path p : readWrite) {
            line(out, "landlock_rw", p.toString());
        }
        line(out, "seccomp", seccomp.specValue());
        if (stopOnFailure) {
            line(out, "stop_on_failure", 1);
        }
        for (TestStreams t : tests) {
            line(out, "test", t.name());
            line(out, "stdin", t.stdin().toString());
            line(out, "stdout", t.stdout().toString());
            line(out, "stderr", t.stderr().toString());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, Object value) {
        String text = String.valueOf(value);
        // One line per key: a value with a line break would smuggle in keys of its own.
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("launcher spec value for '" + key + "' contains a line break or NUL: " + text.replace("\n", "\\n"));
        }
        out.append(key).append('=').append(text).append('\n');
    }
}
