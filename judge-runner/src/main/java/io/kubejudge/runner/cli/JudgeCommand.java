package io.kubejudge.runner.cli;

import io.kubejudge.model.result.Language;
import io.kubejudge.runner.judge.Json;
import io.kubejudge.runner.judge.LocalJudge;
import io.kubejudge.runner.judge.Steps;
import io.kubejudge.runner.language.Languages;
import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.problem.ProblemException;
import io.kubejudge.runner.problem.ProblemLoader;
import io.kubejudge.runner.sandbox.LandlockUnavailableException;
import io.kubejudge.runner.sandbox.SandboxException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code judge <problem-dir> <source> [--language L] [--json] [--keep] [--timing]}: the three pod
 * steps locally. Exit code 0 whenever a verdict was reached, whatever it is.
 */
final class JudgeCommand {

    static final String USAGE = "judge <problem-dir> <source> [--language " + String.join("|", java.util.Arrays.stream(io.kubejudge.model.result.Language.values()).map(io.kubejudge.model.result.Language::id).toList()) + "] [--json] [--keep] [--timing]"
            + " [--allow-no-landlock]";

    private JudgeCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws CliException {
        Args args = Args.parse(argv, Set.of("language"), Set.of("json", "keep", "timing", "allow-no-landlock"));
        if (args.positional().size() != 2) {
            throw CliException.usage("usage: " + USAGE);
        }
        Path problemDir = Path.of(args.positional().get(0));
        Path sourceFile = Path.of(args.positional().get(1));
        if (!Files.isDirectory(problemDir)) {
            throw CliException.usage("problem directory " + problemDir + " does not exist");
        }
        if (!Files.isRegularFile(sourceFile)) {
            throw CliException.usage("source file " + sourceFile + " does not exist");
        }
        Language language = language(args, sourceFile);
        String source;
        try {
            source = new String(Files.readAllBytes(sourceFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("cannot read " + sourceFile + ": " + e.getMessage());
        }
        Problem problem;
        try {
            problem = ProblemLoader.load(problemDir);
        } catch (ProblemException e) {
            throw CliException.usage("bad problem directory " + problemDir + ": " + e.getMessage());
        }
        LocalJudge.Outcome outcome;
        try {
            outcome = new LocalJudge(Steps.forThisMachine(args.flag("allow-no-landlock")), RunnerVersion.get())
                    .judge(problem, language, source, args.flag("keep"));
        } catch (LandlockUnavailableException e) {
            throw new CliException(CliException.FAILURE, e.getMessage() + "\nWithout Landlock the program can read and"
                    + " replace any file of your user, the answers included. Judge on a kernel with Landlock, or pass"
                    + " --allow-no-landlock to judge anyway (only code you trust).");
        } catch (SandboxException e) {
            throw new CliException(CliException.FAILURE, "the sandbox failed: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(CliException.FAILURE, e.getMessage());
        }
        if (args.flag("json")) {
            out.println(Json.write(outcome.result()));
        } else {
            ResultTable.print(outcome.result(), out);
        }
        outcome.keptWorkDir().ifPresent(dir -> err.println("work directory kept: " + dir));
        if (args.flag("timing")) {
            LocalJudge.Timings t = outcome.timings();
            err.printf(Locale.ROOT, "timing: compile_ms=%d run_ms=%d check_ms=%d total_ms=%d%n", t.compileMs(), t.runMs(), t.checkMs(), t.totalMs());
        }
        return 0;
    }

    private static Language language(Args args, Path sourceFile) throws CliException {
        if (args.option("language").isPresent()) {
            try {
                return Language.fromId(args.option("language").get());
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--language: " + e.getMessage());
            }
        }
        String name = sourceFile.getFileName().toString();
        return Languages.byFileName(name).orElseThrow(() -> CliException.usage("cannot tell the language of " + name
                + " from its extension (known: " + Languages.knownExtensions() + "); give --language"));
    }
}
