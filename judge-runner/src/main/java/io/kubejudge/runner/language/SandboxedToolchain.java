package io.kubejudge.runner.language;

import io.kubejudge.model.result.Language;
import io.kubejudge.runner.sandbox.SandboxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Builds checkers and output validators exactly as submissions are built (same compilers, flags
 * and compile limits). The sources are copied first into {@code <outputDir>/src}, so that the
 * compiler sees only them (never the test data a checker usually sits next to); headers next to a
 * single source file ({@code validate.h}, {@code testlib.h}) come along.
 *
 * <p>Layout: {@code <outputDir>/src} the sources, {@code <outputDir>/build} the program,
 * {@code <outputDir>/compile.log} the compiler output.
 */
public final class SandboxedToolchain implements Toolchain {

    private static final List<String> HEADERS = List.of(".h", ".hpp", ".hh", ".hxx");

    private final Compiler compiler;

    public SandboxedToolchain(Compiler compiler) {
        this.compiler = compiler;
    }

    @Override
    public Program build(Language language, Path source, Path outputDir) throws CompileFailure {
        LanguageDefinition definition = Languages.of(language);
        try {
            Path srcDir = outputDir.resolve("src");
            Path buildDir = outputDir.resolve("build");
            Files.createDirectories(srcDir);
            Files.createDirectories(buildDir);
            List<Path> sources = copySources(definition, source, srcDir);
            if (sources.isEmpty()) {
                throw new CompileFailure("no " + language.id() + " source (" + String.join(" ", definition.extensions()) + ") in " + source);
            }
            Path main = mainSource(definition, sources);
            String entryPoint = definition.entryPoint(main.getFileName().toString(), Files.readString(main, StandardCharsets.UTF_8));
            Compilation result = compiler.compile(definition, srcDir, sources, main.getFileName().toString(), buildDir, outputDir);
            if (!result.success()) {
                throw new CompileFailure(result.message());
            }
            return new Program(definition.runCommand(buildDir, entryPoint, LanguageDefinition.RuntimeSize.TRUSTED), outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + source + ": " + e.getMessage(), e);
        } catch (SandboxException e) {
            throw new IllegalStateException("cannot build " + source + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> copySources(LanguageDefinition definition, Path source, Path srcDir) throws IOException {
        List<Path> candidates;
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source)) {
                candidates = files.filter(Files::isRegularFile).sorted().toList();
            }
        } else {
            try (Stream<Path> siblings = Files.list(source.toAbsolutePath().getParent())) {
                candidates = new ArrayList<>(siblings.filter(p -> isHeader(p) && Files.isRegularFile(p)).toList());
            }
            candidates.add(source);
        }
        List<Path> sources = new ArrayList<>();
        for (Path file : candidates) {
            String name = file.getFileName().toString();
            boolean isSource = definition.extensions().stream().anyMatch(name.toLowerCase(Locale.ROOT)::endsWith);
            if (!isSource && !isHeader(file)) {
                continue;
            }
            if (isSource && definition.language() == Language.JAVA) {
                // javac wants a public class in a file of its name; a checker is often saved as checker.java.
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (JavaSource.scan(text).publicType().isPresent()) {
                    name = definition.sourceFileName(text);
                }
            }
            Path copy = srcDir.resolve(name);
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            if (isSource) {
                sources.add(copy);
            }
        }
        return sources;
    }

    private static boolean isHeader(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return HEADERS.stream().anyMatch(name::endsWith);
    }

    /** The source holding main: for Java and Python the one that declares it, else the first. */
    private static Path mainSource(LanguageDefinition definition, List<Path> sources) throws IOException {
        if (sources.size() == 1) {
            return sources.get(0);
        }
        for (Path s : sources) {
            String text = Files.readString(s, StandardCharsets.UTF_8);
            if (definition.language() == Language.JAVA && JavaSource.scan(text).mainType().isPresent()) {
                return s;
            }
            if (definition.language() == Language.PYTHON && text.contains("__main__")) {
                return s;
            }
        }
        return sources.get(0);
    }
}
