package io.kubejudge.operator.submission;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import java.util.Objects;

/** The standard-shaped conditions of a submission: {@code Admitted} and {@code Completed}. */
public final class SubmissionConditions {
    public static final String ADMITTED = "Admitted";
    public static final String COMPLETED = "Completed";

    private SubmissionConditions() {
    }

    /**
     * Sets a condition; lastTransitionTime moves only when the status flips, as Kubernetes
     * conditions do, so a repeated set writes nothing new.
     */
    public static void set(List<Condition> conditions, String type, boolean value, String reason, String message,
                           Long generation, String now) {
        String status = value ? "True" : "False";
        Condition existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String transition = existing != null && status.equals(existing.getStatus()) ? existing.getLastTransitionTime() : now;
        Condition updated = new ConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message == null ? "" : message).withObservedGeneration(generation)
                .withLastTransitionTime(transition).build();
        if (existing != null) {
            if (Objects.equals(existing, updated)) {
                return;
            }
            conditions.set(conditions.indexOf(existing), updated);
        } else {
            conditions.add(updated);
        }
    }
}
