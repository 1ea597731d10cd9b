package io.kubejudge.runner.checker;

import io.kubejudge.model.result.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What an interactor's end says about one test, read as its kind of program says: a Kattis output
 * validator in interactive mode (42 accepted, 43 wrong answer, its feedback directory for message
 * and score) or a testlib interactor (testlib's exit codes, its verdict line on stderr). Anything
 * else (another exit code, a signal) is a {@code SystemError}: the interactor did not work. How
 * this combines with the program's own end is {@code judge.InteractiveVerdict}'s business.
 */
public final class InteractorVerdicts {

    private InteractorVerdicts() {
    }

    /**
     * The two dialects, with the exit code each uses for "accepted" and the exit codes after which
     * {@link #of} can accept a test at all: testlib's 7 gives points, and a share above 0 accepts.
     * Every other end is a rejection or the interactor's failure, so the launcher may end a
     * stop-on-first-failure batch there without reading the verdict ({@code InteractorVerdictsTest}
     * checks the two agree).
     */
    public enum Kind {
        KATTIS(KattisValidator.ACCEPTED, Set.of(KattisValidator.ACCEPTED)), TESTLIB(0, Set.of(0, 7));

        private final int acceptedExit;
        private final Set<Integer> passingExits;

        Kind(int acceptedExit, Set<Integer> passingExits) {
            this.acceptedExit = acceptedExit;
            this.passingExits = passingExits;
        }

        public int acceptedExit() {
            return acceptedExit;
        }

        public Set<Integer> passingExits() {
            return passingExits;
        }
    }

    /** A clean rejection (not a crash): an early one decides the test whatever the program did next. */
    public static boolean rejects(Kind kind, Integer exitCode) {
        if (exitCode == null) {
            return false;
        }
        return kind == Kind.KATTIS ? exitCode == KattisValidator.WRONG : List.of(1, 2, 4, 8).contains(exitCode);
    }

    /**
     * @param feedback the Kattis feedback directory (unused for testlib)
     * @param answer   the test's answer file (Kattis {@code score.txt} is a share of its points)
     * @param points   the test's points
     * @param stderr   the interactor's standard error
     */
    public static CheckOutcome of(Kind kind, Integer exitCode, Integer signal, Path feedback, Path answer, Double points, Path stderr)
            throws IOException {
        String output = head(stderr);
        if (exitCode == null) {
            return TestlibChecker.systemError("the interactor was killed by signal " + signal
                    + (output.isBlank() ? "" : ": " + output));
        }
        if (kind == Kind.TESTLIB) {
            String message = Messages.truncate(output, Messages.MAX_MESSAGE);
            return switch (exitCode) {
                case 0 -> new CheckOutcome(Verdict.ACCEPTED, 1.0, message);
                case 1 -> new CheckOutcome(Verdict.WRONG_ANSWER, 0.0, message);
                case 2, 4, 8 -> new CheckOutcome(Verdict.PRESENTATION_ERROR, 0.0, message);
                case 7 -> TestlibChecker.points(output, message);
                case 3 -> TestlibChecker.systemError("the interactor failed: " + message);
                default -> TestlibChecker.systemError("the interactor exited with code " + exitCode
                        + (message.isEmpty() ? "" : ": " + message));
            };
        }
        String message = KattisValidator.message(feedback, output);
        if (exitCode == KattisValidator.WRONG) {
            return new CheckOutcome(Verdict.WRONG_ANSWER, 0.0, message);
        }
        if (exitCode != KattisValidator.ACCEPTED) {
            return TestlibChecker.systemError("the interactor (output validator) exited with code " + exitCode
                    + " (expected 42 or 43)" + (message == null ? "" : ": " + message));
        }
        KattisValidator scores = new KattisValidator(null, List.of(), feedback.getParent(), a -> points);
        return scores.accepted(feedback, answer, message);
    }

    private static String head(Path file) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
    }
}
