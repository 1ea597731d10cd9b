package io.kubejudge.model.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome of a submission or of one test. The JSON names are the contract with users
 * (status, CLI, HTTP API), so they are spelled out rather than derived from the constant names.
 */
public enum Verdict {
    @JsonProperty("Accepted") ACCEPTED,
    @JsonProperty("WrongAnswer") WRONG_ANSWER,
    @JsonProperty("PresentationError") PRESENTATION_ERROR,
    @JsonProperty("TimeLimitExceeded") TIME_LIMIT_EXCEEDED,
    @JsonProperty("MemoryLimitExceeded") MEMORY_LIMIT_EXCEEDED,
    @JsonProperty("OutputLimitExceeded") OUTPUT_LIMIT_EXCEEDED,
    @JsonProperty("RuntimeError") RUNTIME_ERROR,
    @JsonProperty("CompileError") COMPILE_ERROR,
    @JsonProperty("SystemError") SYSTEM_ERROR,
    @JsonProperty("Cancelled") CANCELLED;

    /** The name users see, e.g. {@code TimeLimitExceeded}. */
    public String wireName() {
        try {
            return Verdict.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Verdict fromWireName(String name) {
        for (Verdict v : values()) {
            if (v.wireName().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + name + "'");
    }

    public boolean isAccepted() {
        return this == ACCEPTED;
    }
}
