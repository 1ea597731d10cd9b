package io.kubejudge.runner.language;

import io.kubejudge.model.result.Language;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one language is built and run. Adding a language is adding one concrete subclass in this
 * package (and its compiler to the runner image): the facts other modules need (its id, file
 * name, extensions, default multipliers) are generated from these classes into the shared
 * {@link Language} enum (see docs/languages.md), so no other file lists languages.
 * Commands use absolute tool paths (see {@link SystemTools}) so that a user's shims (pyenv,
 * sdkman) never decide what judges a submission.
 */
public abstract class LanguageDefinition {

    private static final String SYSTEM_PATH = String.join(":", SystemTools.SEARCH_PATH);

    /** The id used in every resource and request ({@code spec.language}), lower case. */
    public abstract String id();

    /** What people call it, with the standard or version judged: "C++17". */
    public abstract String displayName();

    /** The Debian packages of the runner image that hold its toolchain. */
    public abstract List<String> imagePackages();

    /** Language codes Kattis problem packages use for it ({@code languages:} in problem.yaml). */
    public List<String> kattisCodes() {
        return List.of(id());
    }

    /** The entry of the shared enum generated from this definition. */
    public final Language language() {
        return Language.fromId(id());
    }

    /** File extensions that select this language, with the dot, the first being the default. */
    public abstract List<String> extensions();

    /**
     * The name the operator gives a submission's source in the pod; the runner may rename it
     * ({@link #sourceFileName}), so it only has to carry the extension.
     */
    public String defaultFileName() {
        return "main" + extensions().get(0);
    }

    /** The name a submission's source is compiled as (Java takes it from the public class). */
    public String sourceFileName(String source) {
        return defaultFileName();
    }

    /**
     * Why this source cannot be compiled as it is, in words that say what to change, or empty.
     * Checked before the compiler runs, for what compilers would report obscurely or not at all.
     */
    public java.util.Optional<String> sourceProblem(String source) {
        return java.util.Optional.empty();
    }

    /**
     * Why a build that the compiler accepted holds no program to run, in words that say what to
     * change, or empty (a Java source whose classes declare no {@code main}).
     */
    public java.util.Optional<String> missingProgram(Path buildDir, String entryPoint) {
        return java.util.Optional.empty();
    }

    /**
     * Extra files the compiler gets beside the sources (name to content, written into the build
     * directory), for support code linked into every program.
     */
    public Map<String, String> supportFiles() {
        return Map.of();
    }

    /**
     * What the run command names to start the program: the main source's file name, or for Java
     * the main class (with its package).
     */
    public String entryPoint(String sourceFileName, String source) {
        return sourceFileName;
    }

    /**
     * The compiler invocation, run with the build directory as working directory, or an empty
     * list when there is nothing to compile.
     *
     * @param sources    the source files (usually one)
     * @param buildDir   where the program must end up
     * @param mainFile the file name of the source holding the program's entry
     */
    public abstract List<String> compileCommand(List<Path> sources, Path buildDir, String mainFile);

    /** How the built program runs. */
    public abstract List<String> runCommand(Path buildDir, String entryPoint, RuntimeSize size);

    /** The command whose first line of output names the compiler or interpreter and its version. */
    public abstract List<String> versionCommand();

    /** Default multiplier of a problem's time limit (a problem's languageLimits override it). */
    public double timeMultiplier() {
        return 1.0;
    }

    /** Default multiplier of a problem's memory limit. */
    public double memoryMultiplier() {
        return 1.0;
    }

    /**
     * Whether memory can be enforced through the address-space limit. Runtimes that reserve
     * gigabytes of address space up front (the JVM, Go) would die at start; they are judged by
     * their resident memory instead.
     */
    public boolean addressSpaceLimited() {
        return true;
    }

    /** Address space above the memory limit for shared libraries and the runtime's own mappings. */
    public long addressSpaceExtraKiB() {
        return 16 * 1024;
    }

    /** Processes and threads the running program may create (runtimes start threads of their own). */
    public int runTasks() {
        return 16;
    }

    /** Texts in standard error that mean the program ran out of memory rather than crashed. */
    public List<String> outOfMemoryMarkers() {
        return List.of();
    }

    public Map<String, String> compileEnvironment(Path buildDir) {
        return baseEnvironment(buildDir, buildDir.resolve(".tmp"));
    }

    public Map<String, String> runEnvironment(Path scratchDir, RuntimeSize size) {
        return baseEnvironment(scratchDir, scratchDir);
    }

    protected static Map<String, String> baseEnvironment(Path home, Path tmp) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", SYSTEM_PATH);
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        env.put("LANG", "C.UTF-8");
        return env;
    }

    /** Memory and stack the program is given (runtimes that size themselves need to be told). */
    public record RuntimeSize(long memoryKiB, long stackKiB) {

        /** For trusted programs (checkers, validators) run outside the sandbox's limits. */
        public static final RuntimeSize TRUSTED = new RuntimeSize(2L * 1024 * 1024, 256L * 1024);
    }
}
