package io.kubejudge.runner.language;

import io.kubejudge.runner.sandbox.LaunchSpec;
import io.kubejudge.runner.sandbox.Launcher;
import io.kubejudge.runner.sandbox.Measurement;
import io.kubejudge.runner.sandbox.ProgramUser;
import io.kubejudge.runner.sandbox.SandboxException;
import io.kubejudge.runner.sandbox.SandboxLimits;
import io.kubejudge.runner.sandbox.SeccompMode;
import io.kubejudge.runner.sandbox.SystemPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds programs through the launcher: compilers are untrusted too (they run code at compile
 * time, read any file an {@code #include} names), so they get the compile limits, the compile
 * seccomp filter, and Landlock rules that show them the system, the sources and nothing else.
 */
public final class Compiler {

    private final Launcher launcher;
    private final ProgramUser user;
    private final CompileLimits limits;

    public Compiler(Launcher launcher, ProgramUser user, CompileLimits limits) {
        this.launcher = launcher;
        this.user = user;
        this.limits = limits;
    }

    public CompileLimits limits() {
        return limits;
    }

    /**
     * Compiles {@code sources} (all in {@code sourceDir}) into {@code buildDir}.
     *
     * @param stateDir the runner's own directory for the compiler log and the launcher spec
     */
    public Compilation compile(LanguageDefinition language, Path sourceDir, List<Path> sources, String mainFile,
                               Path buildDir, Path stateDir) throws SandboxException {
        List<String> command = language.compileCommand(sources, buildDir, mainFile);
        if (command.isEmpty()) {
            return new Compilation(true, null, 0, 0);
        }
        Path log = stateDir.resolve("compile.log");
        try {
            Files.createDirectories(buildDir.resolve(".tmp"));
            Files.createDirectories(stateDir);
            for (var support : language.supportFiles().entrySet()) {
                Files.writeString(buildDir.resolve(support.getKey()), support.getValue());
            }
            user.grantWrite(buildDir);
            user.grantWrite(buildDir.resolve(".tmp"));
            user.makeReachable(buildDir);
            user.makeReachable(sourceDir);
        } catch (IOException e) {
            throw new SandboxException("cannot prepare the build directory " + buildDir + ": " + e.getMessage(), e);
        }
        SandboxLimits sandbox = new SandboxLimits(limits.cpuMs(), limits.wallMs(), limits.memoryKiB(),
                language.addressSpaceLimited(), language.addressSpaceExtraKiB(), 64 * 1024, limits.outputKiB(), 256, user.taskLimit(limits.tasks()));
        List<Path> readOnly = new ArrayList<>(SystemPaths.forCompilers());
        readOnly.add(sourceDir);
        LaunchSpec spec = new LaunchSpec(command, language.compileEnvironment(buildDir), buildDir, sandbox, user,
                readOnly, List.of(buildDir), SeccompMode.COMPILE,
                List.of(new LaunchSpec.TestStreams("compile", Path.of("/dev/null"), log, log)));
        Measurement m = launcher.run(spec, stateDir).get(0);
        String output = CompilerOutput.read(log, limits.messageBytes(), sourceDir, buildDir);
        return switch (m.status()) {
            case OK -> new Compilation(true, output, m.wallMs(), m.memoryKiB());
            case TLE -> failed("compilation exceeded its time limit (" + limits.describeTime() + ")", output, m);
            case MLE -> failed("compilation exceeded its memory limit (" + limits.memoryKiB() / 1024 + " MiB)", output, m);
            case OLE -> failed("compilation exceeded its output limit (" + limits.outputKiB() / 1024 + " MiB)", output, m);
            case RE -> failed(runtimeFailure(m, output), output, m);
            case SE -> throw new SandboxException("the compiler could not be started: " + m.message());
        };
    }

    private Compilation failed(String reason, String output, Measurement m) {
        String message = output.isEmpty() ? reason : reason.equals(output) ? output : reason + "\n" + output;
        return new Compilation(false, CompilerOutput.truncate(message, limits.messageBytes()), m.wallMs(), m.memoryKiB());
    }

    /** An ordinary compile error is the compiler's own output; only a crash needs explaining. */
    private String runtimeFailure(Measurement m, String output) {
        String lower = output.toLowerCase(java.util.Locale.ROOT);
        if (m.nearMemoryLimit() || lower.contains("out of memory") || lower.contains("memory exhausted")
                || lower.contains("cannot allocate memory")) {
            return "compilation exceeded its memory limit (" + limits.memoryKiB() / 1024 + " MiB)";
        }
        if (m.signal() != null) {
            return "the compiler was killed by " + m.message();
        }
        return output.isEmpty() ? "the compiler failed with " + m.message() : output;
    }
}
