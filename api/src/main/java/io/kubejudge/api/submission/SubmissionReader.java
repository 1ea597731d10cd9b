package io.kubejudge.api.submission;

import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Finds a submission wherever it is: the live resource first, the Redis archive only when the
 * resource is gone. The resource is the truth while it exists; an archive entry next to it is
 * stale (an archived submission rejudged, whose archive delete failed, or an archive write whose
 * resource delete failed) and must never hide the new result.
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
        Optional<Found> live = findLive(ref);
        if (live.isPresent()) {
            return live;
        }
        return archive.findForReading(ref.name()).map(a -> new Found(null, SubmissionViews.of(ref.submissionId(),
                a.metadata(), a.spec(), a.status(), null, SubmissionView.FROM_ARCHIVE), true));
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
