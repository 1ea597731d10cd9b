package io.kubejudge.runner.cli;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.judge.LocalJudge;
import io.kubejudge.runner.judge.Steps;
import io.kubejudge.runner.language.Languages;
import io.kubejudge.runner.problem.KattisTimeLimit;
import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.problem.ProblemException;
import io.kubejudge.runner.problem.ProblemLoader;
import io.kubejudge.runner.sandbox.SandboxException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code verify <problem-dir>}: judges every submission under {@code submissions/<expected>/}
 * (problemtools' layout: accepted, partially_accepted, wrong_answer, time_limit_exceeded,
 * run_time_error; 2023-07 adds rejected and brute_force) and prints
 * expected against got; exit code 1 when any differs. A package whose problem.yaml has no time
 * limit gets one derived from its accepted submissions ({@link KattisTimeLimit}), written to its
 * {@code .timelimit} before the other submissions are judged with it.
 */
final class VerifyCommand {

    static final String USAGE = "verify <problem-dir>";

    /** Expected-verdict directories, in problemtools' order (accepted first: it sets the time limit). */
    private static final Map<String, Set<Verdict>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("accepted", Set.of(Verdict.ACCEPTED));
        // Accepted with less than the full score (scoring problems).
        EXPECTED.put("partially_accepted", Set.of(Verdict.ACCEPTED));
        EXPECTED.put("wrong_answer", Set.of(Verdict.WRONG_ANSWER, Verdict.PRESENTATION_ERROR));
        EXPECTED.put("time_limit_exceeded", Set.of(Verdict.TIME_LIMIT_EXCEEDED));
        EXPECTED.put("run_time_error", Set.of(Verdict.RUNTIME_ERROR, Verdict.MEMORY_LIMIT_EXCEEDED));
        EXPECTED.put("rejected", Set.of(Verdict.WRONG_ANSWER, Verdict.PRESENTATION_ERROR, Verdict.TIME_LIMIT_EXCEEDED,
                Verdict.RUNTIME_ERROR, Verdict.MEMORY_LIMIT_EXCEEDED, Verdict.OUTPUT_LIMIT_EXCEEDED));
        // Too slow or crashing, never wrong.
        EXPECTED.put("brute_force", Set.of(Verdict.TIME_LIMIT_EXCEEDED, Verdict.RUNTIME_ERROR, Verdict.MEMORY_LIMIT_EXCEEDED,
                Verdict.OUTPUT_LIMIT_EXCEEDED));
    }

    /** The largest limit KubeJudge takes, for judging accepted submissions before the limit is known (problemtools: 300 s). */
    private static final int UNKNOWN_LIMIT_MS = 60_000;

    private VerifyCommand() {
    }

    private record Submission(String expected, Path file, Language language) {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws CliException {
        Args args = Args.parse(argv, Set.of(), Set.of());
        if (args.positional().size() != 1) {
            throw CliException.usage("usage: " + USAGE);
        }
        Path dir = Path.of(args.positional().get(0));
        if (!Files.isDirectory(dir)) {
            throw CliException.usage("problem directory " + dir + " does not exist");
        }
        List<Submission> submissions = submissions(dir, err);
        if (submissions.isEmpty()) {
            throw CliException.usage(dir + ": no submissions under submissions/{" + String.join(",", EXPECTED.keySet()) + "}/");
        }
        try {
            boolean derive = KattisTimeLimit.isDerived(dir);
            Problem problem = load(dir);
            if (derive) {
                problem.spec().setTimeLimitMs(UNKNOWN_LIMIT_MS);
            }
            out.printf(Locale.ROOT, "%-20s %-20s %8s  %-15s %s%n", "EXPECTED", "GOT", "TIME", "SCORE", "SUBMISSION");
            int mismatches = 0;
            long slowestMs = -1;
            boolean limitSet = !derive;
            for (Submission s : submissions) {
                if (!limitSet && !s.expected().equals("accepted")) {
                    if (slowestMs < 0) {
                        throw new CliException(CliException.FAILURE, "cannot derive the time limit: problem.yaml has none and no submission under "
                                + "submissions/accepted/ was accepted");
                    }
                    KattisTimeLimit.Derived d = KattisTimeLimit.derive(dir, slowestMs / 1000.0);
                    Path file = KattisTimeLimit.record(dir, d);
                    out.printf(Locale.ROOT, "time limit: %s s (slowest accepted %.3f s x %s, rounded up to %s s), written to %s%n",
                            plain(d.seconds()), d.slowestSeconds(), plain(d.multiplier()), plain(d.resolution()), file);
                    problem = load(dir);
                    limitSet = true;
                }
                JudgeResult result = judge(problem, s);
                long timeMs = result.tests().stream().mapToLong(t -> t.timeMs() == null ? 0 : t.timeMs()).max().orElse(0);
                boolean full = result.score() >= result.maxScore() - 1e-9;
                boolean ok = EXPECTED.get(s.expected()).contains(result.verdict())
                        && !(s.expected().equals("partially_accepted") && full);
                if (s.expected().equals("accepted") && ok) {
                    slowestMs = Math.max(slowestMs, timeMs);
                }
                if (!ok) {
                    mismatches++;
                }
                out.printf(Locale.ROOT, "%-20s %-20s %6d ms  %-15s %s%s%n", s.expected(), result.verdict().wireName(), timeMs,
                        plain(result.score()) + "/" + plain(result.maxScore()), dir.relativize(s.file()),
                        ok ? "" : "   MISMATCH" + (s.expected().equals("partially_accepted") && full ? " (full score)" : firstFailure(result)));
            }
            if (!limitSet && slowestMs >= 0) {
                KattisTimeLimit.Derived d = KattisTimeLimit.derive(dir, slowestMs / 1000.0);
                Path file = KattisTimeLimit.record(dir, d);
                out.printf(Locale.ROOT, "time limit: %s s (slowest accepted %.3f s x %s, rounded up to %s s), written to %s%n",
                        plain(d.seconds()), d.slowestSeconds(), plain(d.multiplier()), plain(d.resolution()), file);
            }
            out.printf(Locale.ROOT, "verify: %d submissions, %d mismatches%n", submissions.size(), mismatches);
            return mismatches == 0 ? 0 : 1;
        } catch (ProblemException e) {
            throw CliException.usage("bad problem directory " + dir + ": " + e.getMessage());
        }
    }

    private static Problem load(Path dir) throws ProblemException {
        return ProblemLoader.load(dir);
    }

    private static JudgeResult judge(Problem problem, Submission s) throws CliException {
        try {
            String source = new String(Files.readAllBytes(s.file()), StandardCharsets.UTF_8);
            return new LocalJudge(Steps.forThisMachine(), RunnerVersion.get()).judge(problem, s.language(), source, false).result();
        } catch (SandboxException e) {
            throw new CliException(CliException.FAILURE, "the sandbox failed on " + s.file() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(CliException.FAILURE, s.file() + ": " + e.getMessage());
        }
    }

    private static String firstFailure(JudgeResult result) {
        Optional<TestResult> failed = result.tests().stream().filter(t -> t.verdict() != null && !t.verdict().isAccepted()).findFirst();
        return failed.map(t -> " (test " + t.name() + (t.message() == null ? "" : ": " + t.message()) + ")").orElse("");
    }

    private static List<Submission> submissions(Path dir, PrintStream err) throws CliException {
        List<Submission> out = new ArrayList<>();
        for (String expected : EXPECTED.keySet()) {
            Path sub = dir.resolve("submissions").resolve(expected);
            if (!Files.isDirectory(sub)) {
                continue;
            }
            try (Stream<Path> files = Files.list(sub)) {
                for (Path f : files.sorted().toList()) {
                    Optional<Language> language = Files.isRegularFile(f) ? Languages.byFileName(f.getFileName().toString()) : Optional.empty();
                    if (language.isEmpty()) {
                        err.println("verify: skipping " + dir.relativize(f) + " (not a single source file of a language KubeJudge judges)");
                        continue;
                    }
                    out.add(new Submission(expected, f, language.get()));
                }
            } catch (IOException e) {
                throw new CliException(CliException.FAILURE, "cannot list " + sub + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
