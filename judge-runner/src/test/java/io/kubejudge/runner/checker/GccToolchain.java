package io.kubejudge.runner.checker;

import io.kubejudge.model.result.Language;
import io.kubejudge.runner.language.Toolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A plain toolchain for checker tests: the real gcc/g++ and python3, without the sandbox (the
 * sandboxed toolchain is tested with the languages). Checkers are trusted code either way.
 */
public final class GccToolchain implements Toolchain {

    @Override
    public Program build(Language language, Path source, Path outputDir) throws CompileFailure {
        try {
            Files.createDirectories(outputDir);
            return switch (language) {
                case C -> compile(List.of("gcc", "-std=c17", "-O2", "-o", outputDir.resolve("prog").toString(), source.toString(), "-lm"), outputDir);
                case CPP -> compile(List.of("g++", "-std=c++17", "-O2", "-o", outputDir.resolve("prog").toString(), source.toString()), outputDir);
                case PYTHON -> new Program(List.of("python3", source.toAbsolutePath().toString()), outputDir);
                default -> throw new CompileFailure("GccToolchain builds C, C++ and Python only, not " + language.id());
            };
        } catch (IOException e) {
            throw new CompileFailure(e.getMessage());
        }
    }

    private static Program compile(List<String> command, Path outputDir) throws IOException, CompileFailure {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new CompileFailure(output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompileFailure("interrupted");
        }
        return new Program(List.of(outputDir.resolve("prog").toString()), outputDir);
    }
}
