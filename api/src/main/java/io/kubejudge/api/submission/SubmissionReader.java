package io.kubejudge.api.submission;

import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Finds a submission wherever it is. The archive is asked first: the operator writes it only
 * just before deleting the resource, so an archived result is final, and a read of a finished
 * submission (by far the most frequent) costs one Redis GET instead of a miss on the API server.
 * A rejudge deletes the archive entry, so it never hides a live resource for long.
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

    public Optional<Found> find(long submissionId) {
        String name = SubmissionNames.submissionName(submissionId);
        Optional<SubmissionJson.Parts> archived = archive.findForReading(name);
        if (archived.isPresent()) {
            SubmissionJson.Parts a = archived.get();
            return Optional.of(new Found(null, SubmissionViews.of(submissionId, a.metadata(), a.spec(), a.status(), null,
                    SubmissionView.FROM_ARCHIVE), true));
        }
        return findLive(submissionId);
    }

    public Optional<Found> findLive(long submissionId) {
        return store.get(SubmissionNames.submissionName(submissionId))
                .map(s -> new Found(s, live(submissionId, s), false));
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
