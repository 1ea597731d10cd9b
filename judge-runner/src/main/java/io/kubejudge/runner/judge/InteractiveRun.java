package io.kubejudge.runner.judge;

import io.kubejudge.model.result.RunProgress;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.checker.CheckOutcome;
import io.kubejudge.runner.checker.Checkers;
import io.kubejudge.runner.checker.InteractorVerdicts;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The run step of an interactive problem: the interactor (the problem's checker program, built
 * here as the check step builds checkers) runs beside each test's program, connected by pipes,
 * and the verdicts are decided here ({@link InteractiveVerdict}); the check step only scores.
 *
 * <p>The program is confined exactly as for other problems. The interactor is started by the
 * launcher outside that confinement, and everything it reads or writes (the test data under
 * {@link Problem#dataDir()}, {@code work/interactor/}) lies outside the program's Landlock rules;
 * {@code work/interactor/} is also closed to other users, for a local judge whose programs run
 * under another uid. See docs/interactive.md.
 */
final class InteractiveRun {

    private final Launcher launcher;
    private final ProgramUser user;
    private final Toolchain toolchain;

    InteractiveRun(Launcher launcher, ProgramUser user, Toolchain toolchain) {
        this.launcher = launcher;
        this.user = user;
        this.toolchain = toolchain;
    }

    RunReport run(RunStep step, Problem problem, CompileReport compiled, WorkDir work, Consumer<RunProgress> progress)
            throws SandboxException, IOException {
        JudgeProblemSpec spec = problem.spec();
        LanguageDefinition language = Languages.of(compiled.language());
        RunLimits limits = RunLimits.of(spec, language);
        step.prepare(work);
        Path dir = work.interactor();
        Files.createDirectories(dir);
        InteractorVerdicts.Kind kind = spec.getChecker().getType() == Checker.Type.KATTIS
                ? InteractorVerdicts.Kind.KATTIS : InteractorVerdicts.Kind.TESTLIB;
        Toolchain.Program interactor;
        try {
            interactor = Checkers.build(problem, toolchain, dir);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return write(work, new RunReport(null, allFailed(spec, "the problem's interactor could not be built: " + reason)));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

        List<LaunchSpec.TestStreams> streams = new ArrayList<>();
        Map<String, LaunchSpec.TestArguments> perTest = new HashMap<>();
        Map<String, TestCase> byName = new HashMap<>();
        Path devNull = Path.of("/dev/null");
        for (TestCase test : spec.getTests()) {
            String name = test.getName();
            byName.put(name, test);
            streams.add(new LaunchSpec.TestStreams(name, devNull, devNull, work.stderr(name)));
            perTest.put(name, new LaunchSpec.TestArguments(arguments(kind, problem, test, dir), stderrOf(dir, name)));
            if (kind == InteractorVerdicts.Kind.KATTIS) {
                Files.createDirectories(feedback(dir, name));
            }
        }
        int memoryMiB = interactorMemoryMiB(spec);
        LaunchSpec.Interaction interaction = new LaunchSpec.Interaction(interactor.command(), interactor.directory(),
                kind.acceptedExit(), kind.passingExits(), memoryMiB * 1024L, perTest);

        // One batch, stop on first failure included: the launcher ends it at the first test whose
        // program or interactor (by its exit code) failed. Only the interactor's verdict can fail a
        // test the launcher let pass (a testlib 7 with no points, a bad score.txt); the tests the
        // launcher ran after it are dropped here, so the results are those of one batch per test.
        LaunchSpec launch = new LaunchSpec(
                language.runCommand(work.build(), compiled.entryPoint(), limits.runtimeSize()),
                language.runEnvironment(work.scratch(), limits.runtimeSize()),
                work.scratch(), limits.toSandbox(language, user.taskLimit(language.runTasks())), user,
                RunStep.programPaths(work), List.of(work.scratch()), SeccompMode.RUN, streams,
                Boolean.TRUE.equals(spec.getStopOnFirstFailure()), interaction,
                new LaunchSpec.RunGuards(work.scratch(), limits.diskKiB(), language.runTasks()));
        List<TestResult> results = new ArrayList<>();
        boolean landlock = false;
        AtomicInteger ran = new AtomicInteger();
        for (Measurement m : launcher.run(launch, work.state(),
                m -> progress.accept(new RunProgress(ran.incrementAndGet(), streams.size())))) {
            landlock |= m.landlock();
            TestCase test = byName.get(m.test());
            TestResult program = VerdictRules.classify(m, language, limits, work.stdout(m.test()), work.stderr(m.test()));
            TestResult result = InteractiveVerdict.decide(test, m, program, interactorVerdict(kind, m, problem, test, dir, memoryMiB));
            results.add(result);
            if (Scoring.shouldStop(spec, result)) {
                break;
            }
        }
        return write(work, new RunReport(landlock, results));
    }

    private static int interactorMemoryMiB(JudgeProblemSpec spec) {
        Integer mib = spec.getChecker().getMemoryLimitMiB();
        return mib == null ? Checker.DEFAULT_MEMORY_LIMIT_MIB : mib;
    }

    private static List<String> arguments(InteractorVerdicts.Kind kind, Problem problem, TestCase test, Path dir) {
        String input = problem.input(test).toAbsolutePath().toString();
        String answer = problem.answer(test).toAbsolutePath().toString();
        List<String> args = new ArrayList<>();
        if (kind == InteractorVerdicts.Kind.KATTIS) {
            // validator input_file answer_file feedback_dir/ [flags]
            args.addAll(List.of(input, answer, feedback(dir, test.getName()) + "/"));
            String flags = problem.spec().getChecker().getValidatorFlags();
            if (flags != null && !flags.isBlank()) {
                args.addAll(Arrays.asList(flags.trim().split("\\s+")));
            }
        } else {
            // testlib: interactor input_file output_file [answer_file]
            args.addAll(List.of(input, dir.resolve(test.getName() + ".out").toString(), answer));
        }
        return args;
    }

    private static CheckOutcome interactorVerdict(InteractorVerdicts.Kind kind, Measurement m, Problem problem, TestCase test, Path dir,
                                                  int memoryMiB) throws IOException {
        Measurement.InteractorEnd end = m.interactor();
        if (end != null && end.memoryExceeded()) {
            // The problem's own program failed: a judge error, whatever the submission did.
            return new CheckOutcome(Verdict.SYSTEM_ERROR, 0.0, "the interactor used more than its memory limit of " + memoryMiB
                    + " MiB (checker.memoryLimitMiB, Kattis limits.validation_memory): peak " + end.memoryKiB() / 1024 + " MiB");
        }
        if (end == null || end.killed()) {
            return null;
        }
        if (end.exitCode() == null && end.signal() == null) {
            return new CheckOutcome(Verdict.SYSTEM_ERROR, 0.0, "the interactor did not run: " + m.message());
        }
        return InteractorVerdicts.of(kind, end.exitCode(), end.signal(), feedback(dir, test.getName()), problem.answer(test),
                test.getPoints() == null ? 1.0 : test.getPoints(), stderrOf(dir, test.getName()));
    }

    private static Path feedback(Path dir, String test) {
        return dir.resolve("feedback").resolve(test);
    }

    private static Path stderrOf(Path dir, String test) {
        return dir.resolve(test + ".err");
    }

    private static List<TestResult> allFailed(JudgeProblemSpec spec, String message) {
        return spec.getTests().stream()
                .map(t -> new TestResult(t.getName(), Verdict.SYSTEM_ERROR, null, null, null, null, 0.0, CheckStep.shorten(message)))
                .toList();
    }

    private static RunReport write(WorkDir work, RunReport report) throws IOException {
        Json.writeFile(work.runReport(), report);
        return report;
    }
}
