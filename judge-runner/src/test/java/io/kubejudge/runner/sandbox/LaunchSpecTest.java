package io.kubejudge.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LaunchSpecTest {

    private static final SandboxLimits LIMITS = new SandboxLimits(1000, 3000, 65536, true, 16384, 65536, 1024, 64, 16);

    private static LaunchSpec spec(List<String> command, ProgramUser user) {
        return new LaunchSpec(command, Map.of("PATH", "/usr/bin", "HOME", "/w/scratch"), Path.of("/w/scratch"), LIMITS, user,
                List.of(Path.of("/usr"), Path.of("/w/build")), List.of(Path.of("/w/scratch")), SeccompMode.RUN,
                List.of(new LaunchSpec.TestStreams("t1", Path.of("/in/t1.in"), Path.of("/w/out/t1.out"), Path.of("/w/out/t1.err")),
                        new LaunchSpec.TestStreams("t2", Path.of("/in/t2.in"), Path.of("/w/out/t2.out"), Path.of("/w/out/t2.err"))));
    }

    @Test
    void rendersTheLauncherFormat() {
        String text = spec(List.of("/w/build/program", "--fast"), ProgramUser.forThisProcess()).render();

        assertThat(text).startsWith("arg=/w/build/program\narg=--fast\nenv=HOME=/w/scratch\nenv=PATH=/usr/bin\ndir=/w/scratch\n");
        assertThat(text).contains("cpu_ms=1000\n", "wall_ms=3000\n", "memory_kib=65536\n", "as_limit=1\n", "as_extra_kib=16384\n",
                "stack_kib=65536\n", "fsize_kib=1024\n", "nofile=64\n", "nproc=16\n", "landlock_ro=/usr\n", "landlock_ro=/w/build\n",
                "landlock_rw=/w/scratch\n", "seccomp=run\n");
        assertThat(text).endsWith("test=t1\nstdin=/in/t1.in\nstdout=/w/out/t1.out\nstderr=/w/out/t1.err\n"
                + "test=t2\nstdin=/in/t2.in\nstdout=/w/out/t2.out\nstderr=/w/out/t2.err\n");
        // Global keys must all come before the first test.
        assertThat(text.indexOf("seccomp=")).isLessThan(text.indexOf("test="));
    }

    @Test
    void switchesUserOnlyWhenRoot() {
        String text = spec(List.of("/p"), ProgramUser.forThisProcess()).render();
        if (ProgramUser.isRoot()) {
            int uid = ProgramUser.forThisProcess().switchTo().orElseThrow();
            assertThat(uid).isNotEqualTo(65534).isGreaterThanOrEqualTo(ProgramUser.UID_BASE);
            assertThat(text).contains("uid=" + uid + "\n", "gid=" + uid + "\n");
        } else {
            assertThat(text).doesNotContain("uid=");
        }
    }

    @Test
    void aValueWithALineBreakCannotInjectKeys() {
        LaunchSpec evil = spec(List.of("/p", "x\nuid=0"), ProgramUser.forThisProcess());
        assertThatThrownBy(evil::render).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'arg'");
    }

    @Test
    void stopOnFailureIsAGlobalKeyWrittenOnlyWhenAsked() {
        LaunchSpec plain = spec(List.of("/p"), ProgramUser.forThisProcess());
        LaunchSpec stopping = new LaunchSpec(plain.command(), plain.environment(), plain.workingDirectory(), plain.limits(), plain.user(),
                plain.readOnly(), plain.readWrite(), plain.seccomp(), plain.tests(), true, null);

        assertThat(plain.render()).doesNotContain("stop_on_failure");
        assertThat(stopping.render()).contains("stop_on_failure=1\n");
        assertThat(stopping.render().indexOf("stop_on_failure=")).isLessThan(stopping.render().indexOf("test="));
    }

    @Test
    void noTaskLimitLeavesTheKeyOut() {
        SandboxLimits unlimited = new SandboxLimits(1000, 3000, 65536, true, 16384, 65536, 1024, 64, 0);
        LaunchSpec s = new LaunchSpec(List.of("/p"), Map.of(), Path.of("/w"), unlimited, ProgramUser.forThisProcess(), List.of(), List.of(),
                SeccompMode.RUN, List.of(new LaunchSpec.TestStreams("t", Path.of("/i"), Path.of("/o"), Path.of("/e"))));
        assertThat(s.render()).doesNotContain("nproc=");
    }

    @Test
    void runGuardsAreGlobalKeysAndAbsentForCompilers() {
        LaunchSpec plain = spec(List.of("/p"), ProgramUser.forThisProcess());
        assertThat(plain.render()).doesNotContain("scratch=", "disk_kib=", "max_tasks=");

        LaunchSpec guarded = new LaunchSpec(plain.command(), plain.environment(), plain.workingDirectory(), LIMITS, plain.user(),
                plain.readOnly(), plain.readWrite(), SeccompMode.RUN, plain.tests(), false, null,
                new LaunchSpec.RunGuards(Path.of("/w/scratch"), 393216, 32));
        String text = guarded.render();
        assertThat(text).contains("scratch=/w/scratch\n", "disk_kib=393216\n", "max_tasks=32\n");
        assertThat(text.indexOf("max_tasks=")).isLessThan(text.indexOf("test="));
    }

    @Test
    void anInteractorIsRenderedGloballyAndPerTestOnlyWhenThereIsOne() {
        LaunchSpec plain = spec(List.of("/p"), ProgramUser.forThisProcess());
        assertThat(plain.render()).doesNotContain("interactor");
        LaunchSpec.Interaction interaction = new LaunchSpec.Interaction(List.of("/w/interactor/build/validate"), Path.of("/w/interactor"), 42,
                Set.of(42), 2048 * 1024, Map.of("t1", new LaunchSpec.TestArguments(List.of("/data/t1.in", "/data/t1.ans", "/w/interactor/feedback/t1/"),
                        Path.of("/w/interactor/t1.err"))));
        LaunchSpec s = new LaunchSpec(plain.command(), plain.environment(), plain.workingDirectory(), LIMITS, plain.user(), plain.readOnly(),
                plain.readWrite(), SeccompMode.RUN, plain.tests(), false, interaction);
        String text = s.render();
        assertThat(text).contains("interactor=/w/interactor/build/validate\ninteractor_dir=/w/interactor\ninteractor_ok=42\n"
                + "interactor_pass=42\ninteractor_memory_kib=2097152\n");
        assertThat(text.indexOf("interactor_ok=")).isLessThan(text.indexOf("test="));
        assertThat(text).contains("test=t1\nstdin=/in/t1.in\nstdout=/w/out/t1.out\nstderr=/w/out/t1.err\n"
                + "interactor_arg=/data/t1.in\ninteractor_arg=/data/t1.ans\ninteractor_arg=/w/interactor/feedback/t1/\n"
                + "interactor_stderr=/w/interactor/t1.err\ntest=t2\n");
        assertThat(text).endsWith("stderr=/w/out/t2.err\n");
        // The landlock rules are the program's: the interactor's paths are not among them.
        assertThat(text).doesNotContain("landlock_ro=/data", "landlock_ro=/w/interactor");
    }

    @Test
    void aStopOnFailureBatchEndsWhereTheProgramOrTheInteractorCannotPass() {
        LaunchSpec plain = spec(List.of("/p"), ProgramUser.forThisProcess());
        LaunchSpec.Interaction testlib = new LaunchSpec.Interaction(List.of("/i"), null, 0, Set.of(0, 7), 0, Map.of());
        LaunchSpec s = new LaunchSpec(plain.command(), plain.environment(), plain.workingDirectory(), LIMITS, plain.user(), plain.readOnly(),
                plain.readWrite(), SeccompMode.RUN, plain.tests(), true, testlib);
        assertThat(s.endsBatch(ended(LaunchStatus.OK, 0, false))).isFalse();
        assertThat(s.endsBatch(ended(LaunchStatus.OK, 7, false))).as("testlib points may still pass").isFalse();
        assertThat(s.endsBatch(ended(LaunchStatus.OK, 1, false))).isTrue();
        assertThat(s.endsBatch(ended(LaunchStatus.OK, null, false))).as("killed by a signal").isTrue();
        assertThat(s.endsBatch(ended(LaunchStatus.OK, 0, true))).as("over its memory limit").isTrue();
        assertThat(s.endsBatch(ended(LaunchStatus.RE, 0, false))).isTrue();
        assertThat(plain.endsBatch(new Measurement("t1", LaunchStatus.OK, 0, null, 1, 1, 1, true, "", false))).isFalse();
        assertThat(s.render()).contains("interactor_ok=0\ninteractor_pass=0\ninteractor_pass=7\n").doesNotContain("interactor_memory_kib");
        assertThatThrownBy(() -> new LaunchSpec.Interaction(List.of("/i"), null, 42, Set.of(43), 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accepted exit 42");
    }

    private static Measurement ended(LaunchStatus status, Integer interactorExit, boolean memoryExceeded) {
        return new Measurement("t1", status, 0, null, 1, 1, 1, true, "", false,
                new Measurement.InteractorEnd(interactorExit, interactorExit == null ? 9 : null, 1, true, false, 1024, memoryExceeded));
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new SandboxLimits(0, 3000, 65536, true, 0, 0, 1024, 64, 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpu 0 ms");
    }
}
