package io.kubejudge.runner.sandbox;

/** The sandbox itself failed (no launcher, a bad spec, the launcher crashed): nothing was judged. */
public class SandboxException extends Exception {

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
