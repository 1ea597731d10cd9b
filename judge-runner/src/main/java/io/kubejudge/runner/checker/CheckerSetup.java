package io.kubejudge.runner.checker;

import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.runner.language.Toolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What a checker type's class is built from: the problem's {@code checker} (its parameters, read by
 * the class that uses them) and what the runner provides (the checker program, built only when a
 * type asks for it, a work directory, each answer's points).
 */
public final class CheckerSetup {
    /** The Kattis default validator's flag that makes the tokens and float checkers whitespace-sensitive. */
    static final String SPACE_CHANGE_SENSITIVE = "space_change_sensitive";

    /** Builds the problem's checker program. */
    @FunctionalInterface
    interface ProgramBuilder {
        Toolchain.Program build() throws IOException;
    }

    private final Checker spec;
    private final ProgramBuilder program;
    private final Path workDir;
    private final Function<Path, Double> pointsByAnswer;

    CheckerSetup(Checker spec, ProgramBuilder program, Path workDir, Function<Path, Double> pointsByAnswer) {
        this.spec = spec;
        this.program = program;
        this.workDir = workDir;
        this.pointsByAnswer = pointsByAnswer;
    }

    public Checker spec() {
        return spec;
    }

    public boolean caseSensitive() {
        return !Boolean.FALSE.equals(spec.getCaseSensitive());
    }

    /** {@code checker.validatorFlags}, split at whitespace. */
    public List<String> flags() {
        String flags = spec.getValidatorFlags();
        return flags == null || flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
    }

    public boolean spaceChangeSensitive() {
        return flags().contains(SPACE_CHANGE_SENSITIVE);
    }

    /** The problem's checker program, built now (from source, or by the package's build script). */
    public Toolchain.Program program() throws IOException {
        return program.build();
    }

    public Path workDir() {
        return workDir;
    }

    /** The points of the test an answer file ({@code <dataDir>/<test>.ans}) belongs to. */
    public Function<Path, Double> pointsByAnswer() {
        return pointsByAnswer;
    }
}
