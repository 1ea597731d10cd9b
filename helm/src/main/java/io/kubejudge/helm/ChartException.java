package io.kubejudge.helm;

/** The chart could not be linted, rendered or parsed; the message says where and why. */
public class ChartException extends RuntimeException {
    public ChartException(String message) {
        super(message);
    }

    public ChartException(String message, Throwable cause) {
        super(message, cause);
    }
}
