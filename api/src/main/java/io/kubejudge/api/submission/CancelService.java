package io.kubejudge.api.submission;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubejudge.api.error.ApiException;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import jakarta.inject.Singleton;
import java.util.Map;

/** Cancelling sets {@code spec.cancel}; the operator takes the submission out of the queue or stops its Job. */
@Singleton
public class CancelService {

    private final SubmissionReader reader;
    private final SubmissionStore store;
    private final ArchiveStore archive;

    CancelService(SubmissionReader reader, SubmissionStore store, ArchiveStore archive) {
        this.reader = reader;
        this.store = store;
        this.archive = archive;
    }

    /** @param ref resolved for the caller ({@link SubmissionNames#resolve}): it names only what the caller may touch */
    public SubmissionView cancel(SubmissionRef ref) {
        long submissionId = ref.submissionId();
        for (int attempt = 0; ; attempt++) {
            SubmissionReader.Found found = reader.findLive(ref).orElse(null);
            if (found == null) {
                JudgeSubmission archived = archive.find(ref.name()).orElseThrow(ref::notFound);
                throw alreadyFinal(submissionId, archived);
            }
            JudgeSubmission s = found.resource();
            JudgeSubmissionStatus.Phase phase = s.getStatus() == null ? null : s.getStatus().getPhase();
            if (phase != null && phase.isFinal()) {
                throw alreadyFinal(submissionId, s);
            }
            if (Boolean.TRUE.equals(s.getSpec().getCancel())) {
                return found.view();
            }
            try {
                return reader.live(submissionId, store.patchSpec(s, Map.of("cancel", true)));
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private static ApiException alreadyFinal(long submissionId, JudgeSubmission s) {
        String phase = SubmissionViews.phaseName(s.getStatus() == null ? null : s.getStatus().getPhase());
        return ApiException.conflict("already_final", "id", "submission " + submissionId + " is already " + phase);
    }
}
