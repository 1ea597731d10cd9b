package io.kubejudge.runner.judge;

import io.kubejudge.model.result.CompileResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.runner.language.Compilation;
import io.kubejudge.runner.language.Compiler;
import io.kubejudge.runner.language.CompilerVersions;
import io.kubejudge.runner.language.LanguageDefinition;
import io.kubejudge.runner.language.Languages;
import io.kubejudge.runner.language.SourceChecks;
import io.kubejudge.runner.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The compile step: puts the source into {@code src/}, builds it into {@code build/} and leaves
 * {@code compile.json} for the run step. A language the problem does not accept is a
 * CompileError that says so (the operator refuses such submissions earlier; a local judge
 * should say the same).
 */
public final class CompileStep {

    private final Compiler compiler;

    public CompileStep(Compiler compiler) {
        this.compiler = compiler;
    }

    public CompileReport compile(JudgeProblemSpec spec, Language language, String source, WorkDir work) throws SandboxException, IOException {
        LanguageDefinition definition = Languages.of(language);
        source = SourceChecks.withoutByteOrderMark(source);
        String fileName = definition.sourceFileName(source);
        String entryPoint = definition.entryPoint(fileName, source);
        CompileReport report;
        if (!accepts(spec, language)) {
            String accepted = spec.getLanguages().stream().map(Language::id).collect(Collectors.joining(", "));
            report = new CompileReport(language, fileName, entryPoint,
                    new CompileResult(false, "language " + language.id() + " is not accepted by this problem (accepted: " + accepted + ")", 0L),
                    null, null);
        } else if (SourceChecks.problem(definition, source).isPresent()) {
            report = new CompileReport(language, fileName, entryPoint,
                    new CompileResult(false, SourceChecks.problem(definition, source).get(), 0L), null, null);
        } else {
            Files.createDirectories(work.source());
            Files.createDirectories(work.build());
            Files.createDirectories(work.state());
            Path file = work.source().resolve(fileName);
            Files.writeString(file, source, StandardCharsets.UTF_8);
            // Asking javac its version costs a JVM start: do it while the compiler runs.
            CompletableFuture<String> version = CompletableFuture.supplyAsync(() -> CompilerVersions.of(definition));
            Compilation result = compiler.compile(definition, work.source(), List.of(file), fileName, work.build(), work.state());
            CompileResult outcome = result.toResult();
            if (result.success()) {
                var missing = definition.missingProgram(work.build(), entryPoint);
                if (missing.isPresent()) {
                    outcome = new CompileResult(false, missing.get(), result.timeMs());
                }
            }
            report = new CompileReport(language, fileName, entryPoint, outcome, version.join(), result.memoryKiB());
        }
        Files.createDirectories(work.root());
        Json.writeFile(work.compileReport(), report);
        return report;
    }

    private static boolean accepts(JudgeProblemSpec spec, Language language) {
        return spec.getLanguages() == null || spec.getLanguages().isEmpty() || spec.getLanguages().contains(language);
    }
}
