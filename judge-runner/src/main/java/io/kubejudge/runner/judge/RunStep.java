package io.kubejudge.runner.judge;

import io.kubejudge.model.result.RunProgress;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.language.LanguageDefinition;
import io.kubejudge.runner.language.Languages;
import io.kubejudge.runner.sandbox.LaunchSpec;
import io.kubejudge.runner.sandbox.Launcher;
import io.kubejudge.runner.sandbox.Measurement;
import io.kubejudge.runner.sandbox.ProgramUser;
import io.kubejudge.runner.sandbox.SandboxException;
import io.kubejudge.runner.sandbox.SeccompMode;
import io.kubejudge.runner.sandbox.SystemPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The run step: every test of the submission through the launcher in one batch (the per-test
 * cost is then a bare fork+exec). The program sees its build directory read-only, its scratch
 * directory read-write, the system read-only, and nothing else: in particular not the inputs
 * directory (the launcher opens its stdin) and never the answers.
 *
 * <p>When the problem stops on the first failure, the launcher ends the batch itself at the first
 * test that ends badly (one launcher start either way). A wrong answer is only known at the check
 * step, which then ignores the later tests.
 */
public final class RunStep {

    private final Launcher launcher;
    private final ProgramUser user;

    public RunStep(Launcher launcher, ProgramUser user) {
        this.launcher = launcher;
        this.user = user;
    }

    public RunReport run(JudgeProblemSpec spec, CompileReport compiled, Path inputs, WorkDir work) throws SandboxException, IOException {
        return run(spec, compiled, inputs, work, p -> { });
    }

    /** As {@link #run(JudgeProblemSpec, CompileReport, Path, WorkDir)}, telling {@code progress} after each test. */
    public RunReport run(JudgeProblemSpec spec, CompileReport compiled, Path inputs, WorkDir work, Consumer<RunProgress> progress)
            throws SandboxException, IOException {
        if (!compiled.succeeded()) {
            RunReport report = RunReport.nothingRan();
            Json.writeFile(work.runReport(), report);
            return report;
        }
        LanguageDefinition language = Languages.of(compiled.language());
        RunLimits limits = RunLimits.of(spec, language);
        prepare(work);
        List<LaunchSpec.TestStreams> streams = new ArrayList<>();
        for (TestCase test : spec.getTests()) {
            streams.add(new LaunchSpec.TestStreams(test.getName(), inputs.resolve(test.getName() + ".in"),
                    work.stdout(test.getName()), work.stderr(test.getName())));
        }
        List<TestResult> results = new ArrayList<>();
        boolean landlock = false;
        AtomicInteger ran = new AtomicInteger();
        LaunchSpec launch = new LaunchSpec(
                language.runCommand(work.build(), compiled.entryPoint(), limits.runtimeSize()),
                language.runEnvironment(work.scratch(), limits.runtimeSize()),
                work.scratch(), limits.toSandbox(language, user.taskLimit(language.runTasks())), user,
                programPaths(work), List.of(work.scratch()), SeccompMode.RUN, streams,
                Boolean.TRUE.equals(spec.getStopOnFirstFailure()));
        for (Measurement m : launcher.run(launch, work.state(),
                m -> progress.accept(new RunProgress(ran.incrementAndGet(), streams.size())))) {
            landlock |= m.landlock();
            results.add(VerdictRules.classify(m, language, limits, work.stdout(m.test()), work.stderr(m.test())));
        }
        RunReport report = new RunReport(landlock, results);
        Json.writeFile(work.runReport(), report);
        return report;
    }

    private void prepare(WorkDir work) throws IOException {
        Files.createDirectories(work.scratch());
        Files.createDirectories(work.outputs());
        Files.createDirectories(work.state());
        user.grantWrite(work.scratch());
        user.makeReachable(work.scratch());
        user.makeReachable(work.build());
    }

    private static List<Path> programPaths(WorkDir work) {
        List<Path> paths = new ArrayList<>(SystemPaths.forPrograms());
        paths.add(work.build());
        return paths;
    }
}
