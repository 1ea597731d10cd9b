package io.kubejudge.runner.problem;

import java.util.List;

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

    /**
     * Refuses a spec that breaks rules ({@link io.kubejudge.model.problem.ProblemSpecRules}): one
     * message, the file it came from first, then each broken rule.
     */
    public static void throwIfAny(String where, List<String> brokenRules) throws ProblemException {
        if (!brokenRules.isEmpty()) {
            throw new ProblemException(where + ": " + String.join("; ", brokenRules));
        }
    }
}
