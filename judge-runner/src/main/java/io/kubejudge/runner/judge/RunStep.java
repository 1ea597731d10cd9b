package io.kubejudge.runner.judge;

import io.kubejudge.model.result.RunProgress;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.language.LanguageDefinition;
import io.kubejudge.runner.language.Languages;
import io.kubejudge.runner.language.Toolchain;
import io.kubejudge.runner.problem.Problem;
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
import java.util.concurrent.CompletableFuture;
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
    private final Toolchain toolchain;

    public RunStep(Launcher launcher, ProgramUser user) {
        this(launcher, user, null);
    }

    /** @param toolchain builds the interactor of interactive problems */
    public RunStep(Launcher launcher, ProgramUser user, Toolchain toolchain) {
        this.launcher = launcher;
        this.user = user;
        this.toolchain = toolchain;
    }

    /**
     * The run step of any problem: an interactive one (which needs the problem's data directory
     * for its interactor, see {@link InteractiveRun}) or, through
     * {@link #run(JudgeProblemSpec, CompileReport, Path, WorkDir, Consumer)}, any other.
     */
    public RunReport run(Problem problem, CompileReport compiled, Path inputs, WorkDir work, Consumer<RunProgress> progress)
            throws SandboxException, IOException {
        if (compiled.succeeded()) {
            prepareReportWriter();
        }
        if (!Boolean.TRUE.equals(problem.spec().getInteractive()) || !compiled.succeeded()) {
            return run(problem.spec(), compiled, inputs, work, progress);
        }
        if (toolchain == null) {
            throw new IllegalStateException("this run step has no toolchain to build an interactor with");
        }
        return new InteractiveRun(launcher, user, toolchain).run(this, problem, compiled, work, progress);
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
                Boolean.TRUE.equals(spec.getStopOnFirstFailure()), null,
                new LaunchSpec.RunGuards(work.scratch(), limits.diskKiB(), language.runTasks()));
        for (Measurement m : launcher.run(launch, work.state(),
                m -> progress.accept(new RunProgress(ran.incrementAndGet(), streams.size())))) {
            landlock |= m.landlock();
            results.add(VerdictRules.classify(m, language, limits, work.stdout(m.test()), work.stderr(m.test())));
        }
        RunReport report = new RunReport(landlock, results);
        Json.writeFile(work.runReport(), report);
        return report;
    }

    /**
     * Jackson builds a type's serializer on first use: about 10 ms for the report in a fresh JVM,
     * which every pod step is, and the report is written once the last test has ended. Built while
     * the launcher runs, that time is off the run step's critical path.
     */
    private static void prepareReportWriter() {
        TestResult sample = new TestResult("sample", Verdict.ACCEPTED, 0L, 0L, 0, 0, 0.0, "");
        CompletableFuture.runAsync(() -> Json.write(new RunReport(true, List.of(sample))));
    }

    void prepare(WorkDir work) throws IOException {
        Files.createDirectories(work.scratch());
        Files.createDirectories(work.outputs());
        Files.createDirectories(work.state());
        user.grantWrite(work.scratch());
        user.makeReachable(work.scratch());
        user.makeReachable(work.build());
    }

    static List<Path> programPaths(WorkDir work) {
        List<Path> paths = new ArrayList<>(SystemPaths.forPrograms());
        paths.add(work.build());
        return paths;
    }
}
