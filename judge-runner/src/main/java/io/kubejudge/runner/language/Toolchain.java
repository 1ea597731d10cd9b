package io.kubejudge.runner.language;

import io.kubejudge.model.result.Language;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds programs the way submissions are built. Checkers and output validators written in one of
 * our languages are compiled through it too, so a problem setter's checker needs no other toolchain.
 */
public interface Toolchain {

    /**
     * Compiles {@code source} (a file, or for Java the directory holding the sources) into
     * {@code outputDir}.
     *
     * @return how to run the result
     * @throws CompileFailure with the compiler's (truncated) output when it does not compile
     */
    Program build(Language language, Path source, Path outputDir) throws CompileFailure;

    /** A runnable program: its argv (to which test arguments are appended) and working directory. */
    record Program(List<String> command, Path directory) {
    }

    final class CompileFailure extends Exception {
        public CompileFailure(String compilerOutput) {
            super(compilerOutput);
        }
    }
}
