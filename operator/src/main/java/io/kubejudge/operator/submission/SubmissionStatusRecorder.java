package io.kubejudge.operator.submission;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubejudge.model.result.RunProgress;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of submission statuses. It compares the wanted status with the current one and
 * writes nothing when they are equal; after a write it tells the {@link TransitionListener}s.
 */
public final class SubmissionStatusRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionStatusRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PatchContext STATUS_PATCH = PatchContext.of(PatchType.JSON);

    /** How the status reaches the API server (in the reconciler: JOSDK's cached JSON patch). */
    @FunctionalInterface
    public interface StatusPatch {
        JudgeSubmission patch(JudgeSubmission current, JudgeSubmissionStatus wanted);
    }

    private final List<TransitionListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(TransitionListener listener) {
        listeners.add(listener);
    }

    /** A deep copy of the status to change (a new one for a new submission). */
    public static JudgeSubmissionStatus copyOf(JudgeSubmissionStatus status) {
        return status == null ? new JudgeSubmissionStatus() : JSON.convertValue(status, JudgeSubmissionStatus.class);
    }

    /** A JSON patch (RFC 6902) setting the whole status to {@code status}, whether or not there was one. */
    public static String replaceStatusPatch(KubernetesSerialization serialization, JudgeSubmissionStatus status) {
        return "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + serialization.asJson(status) + "}]";
    }

    public static boolean same(JudgeSubmissionStatus a, JudgeSubmissionStatus b) {
        return JSON.valueToTree(a == null ? new JudgeSubmissionStatus() : a)
                .equals(JSON.valueToTree(b == null ? new JudgeSubmissionStatus() : b));
    }

    /** Writes {@code wanted} unless it equals the current status; returns the resource as it now is. */
    public JudgeSubmission record(JudgeSubmission current, JudgeSubmissionStatus wanted, StatusPatch patch) {
        if (same(current.getStatus(), wanted)) {
            return current;
        }
        JudgeSubmission before = copyWithStatus(current, current.getStatus());
        JudgeSubmission patched = patch.patch(current, wanted);
        JudgeSubmission after = patched != null ? patched : copyWithStatus(current, wanted);
        tell(current, l -> l.changed(before, after));
        return after;
    }

    /**
     * Writes {@code wanted} from a reconciliation: the whole status in one JSON patch operation. The
     * operator is its only writer, so this is what a diff against the cached resource would say,
     * without copying and writing out the whole resource twice to compute it. Through JOSDK, which
     * caches the answer for the next reconciliation and drops the event of our own write.
     */
    public JudgeSubmission record(JudgeSubmission current, JudgeSubmissionStatus wanted, Context<JudgeSubmission> context) {
        return record(current, wanted, (cur, want) -> context.resourceOperations().resourcePatch(cur,
                r -> context.getClient().resource(r).subresource("status").patch(STATUS_PATCH,
                        replaceStatusPatch(context.getClient().getKubernetesSerialization(), want)),
                context.eventSourceRetriever().getControllerEventSource()));
    }

    /** Tells the listeners how far a running judge is (live streams only: no status write). */
    public void progressed(JudgeSubmission s, RunProgress progress) {
        tell(s, l -> l.progressed(s, progress));
    }

    private void tell(JudgeSubmission s, Consumer<TransitionListener> call) {
        for (TransitionListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                // A listener (events, Redis, metrics) must never undo or block a recorded verdict.
                LOG.warn("transition listener {} failed for {}: {}", l.getClass().getSimpleName(),
                        s.getMetadata().getName(), e.toString());
            }
        }
    }

    private static JudgeSubmission copyWithStatus(JudgeSubmission s, JudgeSubmissionStatus status) {
        JudgeSubmission copy = new JudgeSubmission();
        copy.setMetadata(s.getMetadata());
        copy.setSpec(s.getSpec());
        copy.setStatus(status == null ? null : copyOf(status));
        return copy;
    }
}
