package io.kubejudge.runner.cli;

/** A command cannot proceed: bad usage or bad input (exit code 2), or a failure of the judge itself (exit code 1). */
public class CliException extends Exception {

    public static final int USAGE = 2;
    public static final int FAILURE = 1;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
