package io.kubejudge.api.submission;

import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Finds a submission wherever it is: the Redis archive first, the live resource when there is no
 * archive entry. Reads are the API's busiest path (clients poll their results), and most of them
 * are for finished submissions: an archive hit is one Redis GET, a live read one request to the
 * Kubernetes API server, whose capacity the whole cluster shares. An archive entry beside a live
 * resource holds the same final result (the operator archives, then deletes), except while a
 * rejudge runs; {@link RejudgeService} removes the entry before it changes the resource.
 */
@Singleton
public class SubmissionReader {

    private final ArchiveStore archive;
    private final SubmissionStore store;
    private final QueuePositions queue;

    SubmissionReader(ArchiveStore archive, SubmissionStore store, QueuePositions queue) {
        this.archive = archive;
        this.store = store;
        this.queue = queue;
    }

    /** @param resource the live resource; null when the submission was found in the archive */
    public record Found(JudgeSubmission resource, SubmissionView view, boolean archived) {
        public String ownerUserId() {
            return view.userId();
        }
    }

    public Optional<Found> find(SubmissionRef ref) {
        Optional<Found> archived = archive.findForReading(ref.name()).map(a -> new Found(null, SubmissionViews.of(
                ref.submissionId(), a.metadata(), a.spec(), a.status(), null, SubmissionView.FROM_ARCHIVE), true));
        return archived.isPresent() ? archived : findLive(ref);
    }

    public Optional<Found> findLive(SubmissionRef ref) {
        return store.get(ref.name()).map(s -> new Found(s, live(ref.submissionId(), s), false));
    }

    /** The view of a live resource, with its queue position read live when it waits. */
    public SubmissionView live(long submissionId, JudgeSubmission s) {
        Integer position = null;
        JudgeSubmissionStatus.Phase phase = s.getStatus() == null ? null : s.getStatus().getPhase();
        if ((phase == null || phase == JudgeSubmissionStatus.Phase.QUEUED) && s.getSpec() != null) {
            position = queue.position(s.getSpec().getPool(), s.getMetadata().getName()).orElse(null);
        }
        return SubmissionViews.of(submissionId, s, position, SubmissionView.FROM_LIVE);
    }
}
