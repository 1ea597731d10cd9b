package io.kubejudge.operator.submission;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.ApiCreate;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events of a submission ({@code kubectl describe} shows them): one when its judging
 * ends (Judged, JudgeFailed, Cancelled, Rejected), whose message sums up its path, and one for
 * each thing out of the ordinary on the way (a retry after a lost attempt, a requeue after a node
 * fault). The routine steps (queued, admitted at the first attempt) get none of their own: the
 * status' conditions and times carry them, and an Event each would be one more API server write
 * per admission, the write budget being what limits a big cluster (as Kubernetes' own recorders
 * aggregate similar events). Sent from a thread of its own, best effort: events are for people,
 * not for correctness.
 */
public final class KubernetesEventEmitter implements TransitionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventEmitter.class);
    private final KubernetesClient client;
    private final Clock clock;
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(50_000), r -> {
                Thread t = new Thread(r, "kubejudge-events");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardOldestPolicy());

    public KubernetesEventEmitter(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void changed(JudgeSubmission before, JudgeSubmission after) {
        if (!worthAnEvent(before, after)) {
            return;
        }
        Event event = build(after, after.getStatus().getPhase());
        sender.execute(() -> {
            try {
                ApiCreate.create(client, "api/v1", "events", event);
            } catch (RuntimeException e) {
                LOG.debug("event for {} not recorded: {}", after.getMetadata().getName(), e.toString());
            }
        });
    }

    /** The end of a judging, a retry or a requeue; not the routine steps in between. */
    static boolean worthAnEvent(JudgeSubmission before, JudgeSubmission after) {
        Phase old = before.getStatus() == null ? null : before.getStatus().getPhase();
        Phase now = after.getStatus() == null ? null : after.getStatus().getPhase();
        if (now == null) {
            return false;
        }
        if (now.isFinal()) {
            return old != now;
        }
        if (now == Phase.QUEUED) {
            // Back in the queue from a running judging: a requeue (a node fault).
            return old == Phase.RUNNING;
        }
        // Running: a retry (a Job after an earlier attempt was lost), not the first admission.
        Integer attempts = after.getStatus().getAttempts();
        int requeues = after.getStatus().getRequeues() == null ? 0 : after.getStatus().getRequeues();
        boolean newAttempt = before.getStatus() != null && !Objects.equals(before.getStatus().getAttempts(), attempts);
        return newAttempt && attempts != null && attempts - requeues > 1;
    }

    Event build(JudgeSubmission s, Phase phase) {
        var st = s.getStatus();
        String reason = switch (phase) {
            case QUEUED -> st.getRequeues() != null && st.getRequeues() > 0 ? "Requeued" : "Queued";
            case RUNNING -> "Retried";
            case COMPLETED -> "Judged";
            case FAILED -> "JudgeFailed";
            case CANCELLED -> "Cancelled";
            case REJECTED -> "Rejected";
        };
        String message = switch (phase) {
            case RUNNING -> "Job " + st.getJobName() + " created (attempt " + st.getAttempts() + ")"
                    + (st.getMessage() == null ? "" : ": " + st.getMessage());
            case COMPLETED -> "verdict " + st.getVerdict().wireName() + (st.getScore() == null ? "" : ", score " + st.getScore() + "/" + st.getMaxScore())
                    + (st.getJobName() == null ? "" : " (Job " + st.getJobName() + ", attempt " + st.getAttempts() + ")");
            default -> st.getMessage() == null ? phase.name().toLowerCase() : st.getMessage();
        };
        String now = clock.instant().toString();
        boolean warning = phase == Phase.FAILED || phase == Phase.REJECTED || phase == Phase.QUEUED;
        return new EventBuilder()
                .withNewMetadata()
                    .withName(s.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                    .withNamespace(s.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(s.getApiVersion()).withKind(s.getKind())
                        .withName(s.getMetadata().getName()).withNamespace(s.getMetadata().getNamespace())
                        .withUid(s.getMetadata().getUid()).build())
                .withReason(reason)
                .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
                .withType(warning ? "Warning" : "Normal")
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent("kubejudge-operator").endSource()
                .build();
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
