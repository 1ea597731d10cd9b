package io.kubejudge.runner.checker;

import io.kubejudge.model.checker.CheckerTypes;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.CheckerProgram;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.language.Toolchain;
import io.kubejudge.runner.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The checker a problem asks for. Special checkers and Kattis validators are built from source
 * with the {@link Toolchain} (the way submissions are built), or with the package's own
 * {@code build}/{@code run} scripts. The source is, in order: {@link Problem#checkerSource()}
 * (a loaded problem directory), the spec's inline {@code program.source}, or
 * {@code <dataDir>/<program.configMapKey>} (the pod, where the data ConfigMap is mounted).
 *
 * <p>{@code space_change_sensitive} in {@code checker.validatorFlags} makes the tokens and float
 * checkers whitespace-sensitive (the Kattis default validator's flag; the CRD has no field of its own).
 * Each type's class reads its own parameters ({@code from(CheckerSetup)}).
 */
public final class Checkers {

    static final Duration BUILD_SCRIPT_TIMEOUT = Duration.ofSeconds(120);

    private Checkers() {
    }

    /**
     * Each checker type's class, made from the problem's checker. What a type needs from the problem
     * is declared in {@link io.kubejudge.model.checker.CheckerTypes}, shared with the operator.
     */
    private static final Map<Checker.Type, CheckerFactory> BY_TYPE = Map.of(
            Checker.Type.EXACT, ExactChecker::from,
            Checker.Type.TOKENS, TokensChecker::from,
            Checker.Type.FLOAT, FloatChecker::from,
            Checker.Type.SPECIAL, TestlibChecker::from,
            Checker.Type.KATTIS, KattisValidator::from);

    public static OutputChecker forProblem(Problem problem, Toolchain toolchain, Path workDir) throws IOException {
        Checker checker = problem.spec().getChecker();
        if (checker == null) {
            return new TokensChecker(true);
        }
        CheckerFactory factory = BY_TYPE.get(CheckerTypes.of(checker).type());
        if (factory == null) {
            throw new CheckerBuildException("this runner has no checker of type '" + CheckerTypes.of(checker).id() + "'");
        }
        return factory.from(new CheckerSetup(checker, () -> build(problem, toolchain, workDir), workDir, pointsByAnswer(problem)));
    }

    /** The checker types this runner can check with. */
    static Set<Checker.Type> types() {
        return BY_TYPE.keySet();
    }

    /** The test an answer file belongs to is named by the file: {@code <dataDir>/<test>.ans}. */
    private static Function<Path, Double> pointsByAnswer(Problem problem) {
        Map<String, Double> points = new HashMap<>();
        for (TestCase t : problem.spec().getTests()) {
            points.put(t.getName() + ".ans", t.getPoints() == null ? 1.0 : t.getPoints());
        }
        return answer -> points.get(answer.getFileName().toString());
    }

    private static Toolchain.Program build(Problem problem, Toolchain toolchain, Path workDir) throws IOException {
        CheckerProgram program = problem.spec().getChecker().getProgram();
        if (program == null || program.getLanguage() == null) {
            throw new CheckerBuildException("the problem's checker has no program (checker.program with its language)");
        }
        Path source = source(problem, program, workDir);
        Path buildDir = workDir.resolve("checker-build");
        Files.createDirectories(buildDir);
        if (Files.isDirectory(source) && hasScripts(source)) {
            return buildWithScripts(source, buildDir.resolve("program"));
        }
        if (Files.isDirectory(source) && program.getLanguage() == Language.PYTHON) {
            Path copy = buildDir.resolve("program");
            copyTree(source, copy);
            return new Toolchain.Program(List.of("python3", copy.toString()), copy);
        }
        try {
            return toolchain.build(program.getLanguage(), source, buildDir);
        } catch (Toolchain.CompileFailure e) {
            throw new CheckerBuildException("the checker " + source.getFileName() + " does not compile: "
                    + Messages.truncate(e.getMessage(), 2000), e);
        } catch (RuntimeException e) {
            throw new CheckerBuildException("the checker " + source.getFileName() + " could not be built: " + e.getMessage(), e);
        }
    }

    private static Path source(Problem problem, CheckerProgram program, Path workDir) throws IOException {
        if (problem.checkerSource() != null) {
            if (!Files.exists(problem.checkerSource())) {
                throw new CheckerBuildException("the checker source " + problem.checkerSource() + " does not exist");
            }
            return problem.checkerSource();
        }
        String fileName = program.getFileName() != null ? program.getFileName()
                : program.getConfigMapKey() != null ? program.getConfigMapKey() : defaultFileName(program.getLanguage());
        if (program.getSource() != null) {
            Path dir = workDir.resolve("checker-source");
            Files.createDirectories(dir);
            Path file = dir.resolve(fileName);
            Files.writeString(file, program.getSource(), StandardCharsets.UTF_8);
            return file;
        }
        if (program.getConfigMapKey() == null) {
            throw new CheckerBuildException("the checker program has neither an inline source nor a configMapKey");
        }
        Path mounted = problem.dataDir().resolve(program.getConfigMapKey());
        if (!Files.isRegularFile(mounted)) {
            throw new CheckerBuildException("the checker source '" + program.getConfigMapKey() + "' is missing from the test data ("
                    + problem.dataDir() + ")");
        }
        // Copied alone, under its own file name: the compiler must not see the test data next to it.
        Path dir = workDir.resolve("checker-source");
        Files.createDirectories(dir);
        return Files.copy(mounted, dir.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String defaultFileName(Language language) {
        return switch (language) {
            case C -> "checker.c";
            case CPP -> "checker.cpp";
            case JAVA -> "Checker.java";
            case PYTHON -> "checker.py";
            case GO -> "checker.go";
        };
    }

    private static boolean hasScripts(Path dir) {
        return Files.exists(dir.resolve("build")) || Files.exists(dir.resolve("run"));
    }

    /**
     * The format's build/run protocol: {@code build} runs in a copy of the program directory,
     * after which {@code run} is the program.
     */
    private static Toolchain.Program buildWithScripts(Path source, Path copy) throws IOException {
        copyTree(source, copy);
        Path build = copy.resolve("build");
        if (Files.exists(build)) {
            makeExecutable(build);
            CheckerProcess.Result r = CheckerProcess.run(List.of(build.toString()), copy, null, BUILD_SCRIPT_TIMEOUT);
            if (r.timedOut() || r.exitCode() != 0) {
                throw new CheckerBuildException("the validator's build script " + (r.timedOut()
                        ? "ran longer than " + BUILD_SCRIPT_TIMEOUT.toSeconds() + " s" : "exited with code " + r.exitCode())
                        + ": " + Messages.truncate(r.output(), 2000));
            }
        }
        Path run = copy.resolve("run");
        if (!Files.isRegularFile(run)) {
            throw new CheckerBuildException("the validator has no run file after its build script");
        }
        makeExecutable(run);
        return new Toolchain.Program(List.of(run.toString()), copy);
    }

    private static void makeExecutable(Path file) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(file));
        perms.add(PosixFilePermission.OWNER_EXECUTE);
        perms.add(PosixFilePermission.GROUP_EXECUTE);
        perms.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(file, perms);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
