package io.kubejudge.runner.problem;

/**
 * A problem directory that cannot be judged. The message names the file and the field at fault
 * and the limit it breaks, so that a problem setter can fix it without reading our code.
 */
public class ProblemException extends Exception {

    public ProblemException(String message) {
        super(message);
    }

    public ProblemException(String message, Throwable cause) {
        super(message, cause);
    }
}
