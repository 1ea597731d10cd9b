package io.kubejudge.runner.checker;

import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.language.Toolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An ICPC/Kattis output validator: {@code validator input answer feedback_dir/ [flags] < output}.
 * Exit 42 accepted, 43 wrong answer; anything else (or running past the time limit) is a
 * {@code SystemError}, as the format demands ("the validator did not operate properly"). The
 * message is {@code judgemessage.txt} from the feedback directory (else {@code teammessage.txt},
 * else the validator's output), truncated.
 *
 * <p>Scoring problems: an accepted test's share comes from {@code score_multiplier.txt} (0..1) or
 * from {@code score.txt} divided by the test's points; without either the test scores in full. A
 * score above the test's points is a {@code SystemError}.
 */
public final class KattisValidator implements OutputChecker {

    public static final int ACCEPTED = 42;
    public static final int WRONG = 43;

    private final Toolchain.Program program;
    private final List<String> flags;
    private final Path feedbackParent;
    private final Function<Path, Double> pointsOfAnswer;
    private final Duration timeout;

    /**
     * @param feedbackParent  where a fresh feedback directory is made for each check
     * @param pointsOfAnswer  the points of the test an answer file belongs to (for score.txt), or null
     */
    public KattisValidator(Toolchain.Program program, List<String> flags, Path feedbackParent,
                           Function<Path, Double> pointsOfAnswer, Duration timeout) {
        this.program = program;
        this.flags = List.copyOf(flags);
        this.feedbackParent = feedbackParent;
        this.pointsOfAnswer = pointsOfAnswer;
        this.timeout = timeout;
    }

    public KattisValidator(Toolchain.Program program, List<String> flags, Path feedbackParent, Function<Path, Double> pointsOfAnswer) {
        this(program, flags, feedbackParent, pointsOfAnswer, CheckerProcess.DEFAULT_TIMEOUT);
    }

    /** The problem's validator and its flags ({@link io.kubejudge.model.checker.KattisType}). */
    static OutputChecker from(CheckerSetup setup) throws IOException {
        return new KattisValidator(setup.program(), setup.flags(), setup.workDir().resolve("feedback"), setup.pointsByAnswer());
    }

    @Override
    public CheckOutcome check(Path input, Path output, Path answer) throws IOException {
        Files.createDirectories(feedbackParent);
        Path feedback = Files.createTempDirectory(feedbackParent, "feedback-");
        try {
            List<String> command = new ArrayList<>(program.command());
            command.add(input.toAbsolutePath().toString());
            command.add(answer.toAbsolutePath().toString());
            command.add(feedback.toAbsolutePath() + "/");
            command.addAll(flags);
            CheckerProcess.Result r = CheckerProcess.run(command, program.directory(), output, timeout);
            if (r.timedOut()) {
                return TestlibChecker.systemError("the output validator ran longer than " + timeout.toSeconds() + " s");
            }
            String message = message(feedback, r.output());
            if (r.exitCode() == WRONG) {
                return new CheckOutcome(Verdict.WRONG_ANSWER, 0.0, message);
            }
            if (r.exitCode() != ACCEPTED) {
                return TestlibChecker.systemError("the output validator exited with code " + r.exitCode()
                        + " (expected 42 or 43)" + (message == null ? "" : ": " + message));
            }
            return accepted(feedback, answer, message);
        } finally {
            deleteQuietly(feedback);
        }
    }

    private CheckOutcome accepted(Path feedback, Path answer, String message) throws IOException {
        Path multiplier = feedback.resolve("score_multiplier.txt");
        Path score = feedback.resolve("score.txt");
        double share = 1.0;
        if (Files.isRegularFile(multiplier)) {
            Double m = number(multiplier);
            if (m == null || m < 0 || m > 1) {
                return TestlibChecker.systemError("score_multiplier.txt must hold a number in 0..1");
            }
            share = m;
        } else if (Files.isRegularFile(score)) {
            Double s = number(score);
            Double points = pointsOfAnswer == null ? null : pointsOfAnswer.apply(answer);
            if (s == null || s < 0) {
                return TestlibChecker.systemError("score.txt must hold a non-negative number");
            }
            if (points == null || points <= 0) {
                share = s > 0 ? 1.0 : 0.0;
            } else if (s > points + 1e-9) {
                return TestlibChecker.systemError("score.txt says " + s + ", more than the test's " + points + " points");
            } else {
                share = s / points;
            }
        }
        return new CheckOutcome(Verdict.ACCEPTED, share, message);
    }

    private static Double number(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String message(Path feedback, String output) throws IOException {
        for (String name : List.of("judgemessage.txt", "teammessage.txt")) {
            Path f = feedback.resolve(name);
            if (Files.isRegularFile(f)) {
                String text = readHead(f);
                if (!text.isBlank()) {
                    return Messages.truncate(text, Messages.MAX_MESSAGE);
                }
            }
        }
        return output == null || output.isBlank() ? null : Messages.truncate(output, Messages.MAX_MESSAGE);
    }

    private static String readHead(Path f) throws IOException {
        try (var in = Files.newInputStream(f)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover feedback file in the work dir is harmless
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
