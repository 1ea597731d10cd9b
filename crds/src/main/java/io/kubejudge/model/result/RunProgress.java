package io.kubejudge.model.result;

import java.util.Optional;

/**
 * How far the run step is: it prints {@link #line()} to its log after each test, and the operator,
 * which cannot hear from a pod any other way while it runs (judge pods have no network), reads the
 * last such line of the {@code run} container's log to publish per-test progress.
 *
 * @param done  tests that ran so far
 * @param total tests the step will run at most (fewer when it stops on the first failure)
 */
public record RunProgress(int done, int total) {
    static final String PREFIX = "kubejudge-progress ";

    public RunProgress {
        if (done < 0 || total < 0 || done > total) {
            throw new IllegalArgumentException("progress " + done + " of " + total);
        }
    }

    public String line() {
        return PREFIX + done + "/" + total;
    }

    /** The last progress line in a log (or its tail); empty when there is none or it is garbled. */
    public static Optional<RunProgress> lastIn(String log) {
        if (log == null) {
            return Optional.empty();
        }
        int at = log.lastIndexOf(PREFIX);
        while (at >= 0) {
            if (at == 0 || log.charAt(at - 1) == '\n') {
                Optional<RunProgress> parsed = parse(log.substring(at + PREFIX.length()));
                if (parsed.isPresent()) {
                    return parsed;
                }
            }
            at = at == 0 ? -1 : log.lastIndexOf(PREFIX, at - 1);
        }
        return Optional.empty();
    }

    private static Optional<RunProgress> parse(String rest) {
        int end = rest.indexOf('\n');
        String text = (end < 0 ? rest : rest.substring(0, end)).strip();
        int slash = text.indexOf('/');
        if (slash <= 0 || text.length() > 24) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunProgress(Integer.parseInt(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
