package io.kubejudge.runner.judge;

import java.nio.file.Path;

/**
 * The directory the three pod steps share (an emptyDir in the pod, a temporary directory
 * locally). The compiler writes only {@code build/}, the program only {@code scratch/}; the rest
 * belongs to the runner.
 *
 * <pre>
 * src/            the submission's source, as compiled
 * build/          the compiled program (the compiler's only writable directory)
 * scratch/        the program's working directory (its only writable directory)
 * out/            per test: &lt;test&gt;.out and (unless the program left it empty) &lt;test&gt;.err,
 *                 opened by the launcher
 * state/          launcher specs, the compiler log
 * checker/        the checker or validator, built by the check step
 * interactor/     an interactive problem's interactor, built and run by the run step: its build,
 *                 per test its feedback directory and output; never visible to the program
 * compile.json    {@link CompileReport}: what the run step needs to start the program
 * run.json        {@link RunReport}: what the check step needs to judge the outputs
 * </pre>
 */
public record WorkDir(Path root) {

    /** Absolute, since compilers and programs run with other working directories. */
    public WorkDir {
        root = root.toAbsolutePath().normalize();
    }

    public Path source() {
        return root.resolve("src");
    }

    public Path build() {
        return root.resolve("build");
    }

    public Path scratch() {
        return root.resolve("scratch");
    }

    public Path outputs() {
        return root.resolve("out");
    }

    public Path state() {
        return root.resolve("state");
    }

    public Path checker() {
        return root.resolve("checker");
    }

    public Path interactor() {
        return root.resolve("interactor");
    }

    public Path compileReport() {
        return root.resolve("compile.json");
    }

    public Path runReport() {
        return root.resolve("run.json");
    }

    public Path stdout(String test) {
        return outputs().resolve(test + ".out");
    }

    public Path stderr(String test) {
        return outputs().resolve(test + ".err");
    }
}
