package io.kubejudge.operator.result;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.StepResult;
import java.util.List;
import java.util.Optional;

/** Reads the StepResult each judge container wrote to its termination message. */
public final class TerminationMessages {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private TerminationMessages() {
    }

    /** The outcome of a container that has terminated; empty while it has not. */
    public static Optional<StepOutcome> of(Pod pod, String container) {
        return ContainerStatuses.state(pod, container)
                .filter(s -> s.getTerminated() != null)
                .map(s -> parse(container, s.getTerminated()));
    }

    static StepOutcome parse(String container, ContainerStateTerminated terminated) {
        int exit = terminated.getExitCode() == null ? -1 : terminated.getExitCode();
        String message = terminated.getMessage();
        if (message == null || message.isBlank()) {
            return new StepOutcome(container, exit, terminated.getReason(), null,
                    "container " + container + " exited with code " + exit
                            + (terminated.getReason() == null ? "" : " (" + terminated.getReason() + ")")
                            + " and left no termination message");
        }
        try {
            StepResult result = JSON.readValue(message, StepResult.class);
            if (result == null || result.step() == null) {
                return malformed(container, exit, terminated.getReason(), message, "no \"step\" field");
            }
            return new StepOutcome(container, exit, terminated.getReason(), result, null);
        } catch (Exception e) {
            return malformed(container, exit, terminated.getReason(), message, firstLine(e.getMessage()));
        }
    }

    /** The full report the check step prints on stdout; its last JSON line is the JudgeResult. */
    public static Optional<JudgeResult> parseCheckLog(String log) {
        if (log == null) {
            return Optional.empty();
        }
        List<String> lines = log.lines().map(String::strip).filter(l -> l.startsWith("{")).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            try {
                JudgeResult result = JSON.readValue(lines.get(i), JudgeResult.class);
                if (result != null && result.verdict() != null) {
                    return Optional.of(result);
                }
            } catch (Exception e) {
                // an earlier line may be the report
            }
        }
        try {
            JudgeResult whole = JSON.readValue(log, JudgeResult.class);
            return Optional.ofNullable(whole).filter(r -> r.verdict() != null);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static StepOutcome malformed(String container, int exit, String reason, String message, String why) {
        String shown = message.length() > 200 ? message.substring(0, 200) + "..." : message;
        return new StepOutcome(container, exit, reason, null,
                "malformed termination message of container " + container + " (" + why + "): " + shown.strip());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
