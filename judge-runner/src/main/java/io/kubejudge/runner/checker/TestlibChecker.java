package io.kubejudge.runner.checker;

import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.language.Toolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A testlib-style special checker: {@code checker input output answer}, judged by its exit code
 * as testlib's {@code quitf} sets it: 0 accepted, 1 wrong answer, 2 (and 4, 8: testlib's
 * "dirt" and "unexpected eof") presentation error, 3 checker failure, 7 points.
 *
 * <p>Points: testlib's {@code quitp(x, ...)} exits with 7 and writes {@code points x ...} to
 * stderr; DMOJ reads the same line. Here {@code x} is the share of the test's points, 0..1 (the
 * test's points are the problem's business, not the checker's): 1 is accepted in full, 0 is a
 * wrong answer, anything between is accepted with that share. A value outside 0..1, a missing
 * {@code points} line, a crash, another exit code or running past the time limit is a
 * {@code SystemError}: the checker is broken, not the submission wrong.
 *
 * <p>The message is the checker's output (testlib's "ok ...", "wrong answer ..."), truncated.
 */
public final class TestlibChecker implements OutputChecker {

    private static final Pattern POINTS = Pattern.compile("(?m)^\\s*points\\s+([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)");

    private final Toolchain.Program program;
    private final Duration timeout;

    public TestlibChecker(Toolchain.Program program) {
        this(program, CheckerProcess.DEFAULT_TIMEOUT);
    }

    public TestlibChecker(Toolchain.Program program, Duration timeout) {
        this.program = program;
        this.timeout = timeout;
    }

    /** The problem's program ({@link io.kubejudge.model.checker.SpecialType}). */
    static OutputChecker from(CheckerSetup setup) throws IOException {
        return new TestlibChecker(setup.program());
    }

    @Override
    public CheckOutcome check(Path input, Path output, Path answer) throws IOException {
        List<String> command = new ArrayList<>(program.command());
        command.add(input.toAbsolutePath().toString());
        command.add(output.toAbsolutePath().toString());
        command.add(answer.toAbsolutePath().toString());
        CheckerProcess.Result r = CheckerProcess.run(command, program.directory(), null, timeout);
        String message = Messages.truncate(r.output(), Messages.MAX_MESSAGE);
        if (r.timedOut()) {
            return systemError("the checker ran longer than " + timeout.toSeconds() + " s");
        }
        return switch (r.exitCode()) {
            case 0 -> new CheckOutcome(Verdict.ACCEPTED, 1.0, message);
            case 1 -> new CheckOutcome(Verdict.WRONG_ANSWER, 0.0, message);
            case 2, 4, 8 -> new CheckOutcome(Verdict.PRESENTATION_ERROR, 0.0, message);
            case 3 -> systemError("the checker failed: " + message);
            case 7 -> points(r.output(), message);
            default -> systemError("the checker exited with code " + r.exitCode() + (message.isEmpty() ? "" : ": " + message));
        };
    }

    private static CheckOutcome points(String output, String message) {
        Matcher m = POINTS.matcher(output);
        if (!m.find()) {
            return systemError("the checker exited with 7 (points) without a 'points <share>' line: " + message);
        }
        double share = Double.parseDouble(m.group(1));
        if (!(share >= 0 && share <= 1)) {
            return systemError("the checker gave points " + m.group(1) + ", outside 0..1 (the share of the test's points)");
        }
        if (share == 0) {
            return new CheckOutcome(Verdict.WRONG_ANSWER, 0.0, message);
        }
        return new CheckOutcome(Verdict.ACCEPTED, share, message);
    }

    static CheckOutcome systemError(String message) {
        return new CheckOutcome(Verdict.SYSTEM_ERROR, 0.0, Messages.truncate(message, Messages.MAX_MESSAGE));
    }
}
