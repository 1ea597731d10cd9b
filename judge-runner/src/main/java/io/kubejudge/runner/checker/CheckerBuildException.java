package io.kubejudge.runner.checker;

import java.io.IOException;

/** The problem's checker or validator could not be built or found: every test ends as SystemError. */
public class CheckerBuildException extends IOException {

    public CheckerBuildException(String message) {
        super(message);
    }

    public CheckerBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
