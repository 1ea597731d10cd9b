package io.kubejudge.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's stop_on_failure: one batch that ends itself at the first test that is not OK. */
class LauncherStopOnFailureTest {

    private static final SandboxLimits LIMITS = new SandboxLimits(1000, 3000, 262144, true, 16384, 65536, 1024, 64, 16);

    @TempDir
    Path dir;

    /** Each test's input is the exit code the program ends with. */
    private List<Measurement> run(boolean stopOnFailure, String... exitCodes) throws Exception {
        List<LaunchSpec.TestStreams> tests = new ArrayList<>();
        for (int i = 0; i < exitCodes.length; i++) {
            Path in = dir.resolve(i + ".in");
            Files.writeString(in, exitCodes[i] + "\n");
            tests.add(new LaunchSpec.TestStreams("t" + i, in, dir.resolve(i + ".out"), dir.resolve(i + ".err")));
        }
        List<Path> readable = new ArrayList<>(SystemPaths.forPrograms());
        LaunchSpec spec = new LaunchSpec(List.of("/bin/sh", "-c", "read n; exit $n"), Map.of("PATH", "/usr/bin:/bin"), dir, LIMITS,
                ProgramUser.forThisProcess(), readable, List.of(dir), SeccompMode.RUN, tests, stopOnFailure);
        return Launcher.local().run(spec, dir.resolve("state"));
    }

    @Test
    void theBatchEndsAfterTheFirstFailingTest() throws Exception {
        List<Measurement> ran = run(true, "0", "0", "3", "0", "0");

        assertThat(ran).extracting(Measurement::test).containsExactly("t0", "t1", "t2");
        assertThat(ran).extracting(Measurement::status).containsExactly(LaunchStatus.OK, LaunchStatus.OK, LaunchStatus.RE);
        assertThat(Files.exists(dir.resolve("3.out"))).as("a test after the stop never starts").isFalse();
    }

    @Test
    void aBatchWithoutFailuresRunsEveryTest() throws Exception {
        assertThat(run(true, "0", "0", "0")).extracting(Measurement::status)
                .containsExactly(LaunchStatus.OK, LaunchStatus.OK, LaunchStatus.OK);
    }

    @Test
    void withoutTheFlagEveryTestRunsDespiteFailures() throws Exception {
        assertThat(run(false, "1", "0", "2")).extracting(Measurement::status)
                .containsExactly(LaunchStatus.RE, LaunchStatus.OK, LaunchStatus.RE);
    }
}
