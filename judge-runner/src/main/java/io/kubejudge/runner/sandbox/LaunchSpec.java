package io.kubejudge.runner.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One launcher batch: a program, how it is confined, and the tests it runs (sequentially, each
 * with its own standard streams). Rendered as the launcher's line-based spec file.
 *
 * @param environment the program's whole environment (nothing is inherited)
 * @param readOnly    paths the program may read and execute (Landlock); everything else is hidden
 * @param readWrite   paths the program may also write
 * @param stopOnFailure end the batch at the first test that {@link #endsBatch ends it} (the later
 *                      tests are neither run nor reported)
 * @param interaction the interactor run beside each test (interactive problems), or null
 * @param guards      the run step's limits on the whole program rather than on one process
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
        boolean stopOnFailure,
        Interaction interaction,
        RunGuards guards) {

    /** A batch that runs every test, with no interactor and no run guards. */
    public LaunchSpec(List<String> command, Map<String, String> environment, Path workingDirectory, SandboxLimits limits,
                      ProgramUser user, List<Path> readOnly, List<Path> readWrite, SeccompMode seccomp, List<TestStreams> tests) {
        this(command, environment, workingDirectory, limits, user, readOnly, readWrite, seccomp, tests, false, null);
    }

    /** A batch with no run guards. */
    public LaunchSpec(List<String> command, Map<String, String> environment, Path workingDirectory, SandboxLimits limits,
                      ProgramUser user, List<Path> readOnly, List<Path> readWrite, SeccompMode seccomp, List<TestStreams> tests,
                      boolean stopOnFailure, Interaction interaction) {
        this(command, environment, workingDirectory, limits, user, readOnly, readWrite, seccomp, tests, stopOnFailure, interaction,
                RunGuards.NONE);
    }

    /** Where one test's standard streams come from and go to; stdout and stderr may be the same file. */
    public record TestStreams(String name, Path stdin, Path stdout, Path stderr) {
    }

    /**
     * Limits the run step puts on a program as a whole (all zero: none, as for compilers).
     *
     * @param scratch  the program's writable directory, emptied by the launcher before every test
     * @param diskKiB  the tests' output files and the scratch directory together, at most
     * @param maxTasks threads the program may have (it may start no processes)
     */
    public record RunGuards(Path scratch, long diskKiB, int maxTasks) {
        public static final RunGuards NONE = new RunGuards(null, 0, 0);
    }

    /**
     * The interactor of an interactive problem: trusted, run by the launcher outside the program's
     * sandbox, its stdout on the program's stdin and the program's stdout on its stdin.
     *
     * @param command      its argv, to which each test's arguments are appended
     * @param acceptedExit its exit code for "accepted" (42 for Kattis validators, 0 for testlib)
     * @param passingExits its exit codes after which a test may pass; any other end fails the test
     *                     (and ends a stop-on-failure batch)
     * @param memoryKiB    its resident memory limit (0: none); over it, it is killed
     * @param perTest      by test name: its extra arguments and where its stderr goes
     */
    public record Interaction(List<String> command, Path directory, int acceptedExit, Set<Integer> passingExits, long memoryKiB,
                              Map<String, TestArguments> perTest) {
        public Interaction {
            command = List.copyOf(command);
            passingExits = Set.copyOf(passingExits);
            perTest = Map.copyOf(perTest);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("empty interactor command");
            }
            if (!passingExits.contains(acceptedExit)) {
                throw new IllegalArgumentException("the interactor's accepted exit " + acceptedExit + " is not among its passing exits " + passingExits);
            }
        }

        /** Whether the test may still pass after this end of the interactor (kj-launcher.c's ia_may_pass). */
        public boolean mayPass(Measurement.InteractorEnd end) {
            return end != null && !end.memoryExceeded() && end.exitCode() != null && passingExits.contains(end.exitCode());
        }
    }

    /**
     * Whether the launcher ends a {@code stop_on_failure} batch after this test (kj-launcher.c's
     * batch_stops_after): the program did not end OK, or the interactor's end cannot pass.
     */
    public boolean endsBatch(Measurement m) {
        return m.status() != LaunchStatus.OK || (interaction != null && !interaction.mayPass(m.interactor()));
    }

    public record TestArguments(List<String> arguments, Path stderr) {
        public TestArguments {
            arguments = List.copyOf(arguments);
        }
    }

    /** A batch with no run guards. */
    public LaunchSpec(List<String> command, Map<String, String> environment, Path workingDirectory, SandboxLimits limits,
            ProgramUser user, List<Path> readOnly, List<Path> readWrite, SeccompMode seccomp, List<TestStreams> tests,
            boolean stopOnFailure) {
        this(command, environment, workingDirectory, limits, user, readOnly, readWrite, seccomp, tests, stopOnFailure, null, RunGuards.NONE);
    }

    public LaunchSpec {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(guards, "guards");
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
        if (guards.scratch() != null) {
            line(out, "scratch", guards.scratch().toString());
        }
        if (guards.diskKiB() > 0) {
            line(out, "disk_kib", guards.diskKiB());
        }
        if (guards.maxTasks() > 0) {
            line(out, "max_tasks", guards.maxTasks());
        }
        renderInteractor(out);
        for (TestStreams t : tests) {
            line(out, "test", t.name());
            line(out, "stdin", t.stdin().toString());
            line(out, "stdout", t.stdout().toString());
            line(out, "stderr", t.stderr().toString());
            renderInteractorTest(out, t.name());
        }
        return out.toString();
    }

    private void renderInteractor(StringBuilder out) {
        if (interaction == null) {
            return;
        }
        for (String arg : interaction.command()) {
            line(out, "interactor", arg);
        }
        if (interaction.directory() != null) {
            line(out, "interactor_dir", interaction.directory().toString());
        }
        line(out, "interactor_ok", interaction.acceptedExit());
        interaction.passingExits().stream().sorted().forEach(code -> line(out, "interactor_pass", code));
        if (interaction.memoryKiB() > 0) {
            line(out, "interactor_memory_kib", interaction.memoryKiB());
        }
    }

    private void renderInteractorTest(StringBuilder out, String test) {
        TestArguments args = interaction == null ? null : interaction.perTest().get(test);
        if (args == null) {
            return;
        }
        for (String arg : args.arguments()) {
            line(out, "interactor_arg", arg);
        }
        if (args.stderr() != null) {
            line(out, "interactor_stderr", args.stderr().toString());
        }
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
