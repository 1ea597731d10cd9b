package io.kubejudge.api.submission;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubejudge.api.error.ApiException;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rejudge increases {@code spec.rejudge} (the operator moves the old result to history and
 * judges again) with low priority, so that a mass rejudge never delays fresh submissions. An
 * archived submission is recreated from its archive. Either way the archive entry goes, and
 * before the live resource changes: reads take the archive first (see {@link SubmissionReader}),
 * so an entry left beside a rejudged resource would show the old result. A recreated submission's
 * entry goes just after the create; when that fails the caller gets the error, and asking again
 * removes it (the live resource is there by then).
 */
@Singleton
public class RejudgeService {

    private final SubmissionStore store;
    private final ArchiveStore archive;
    private final SubmissionNames names;

    RejudgeService(SubmissionStore store, ArchiveStore archive, SubmissionNames names) {
        this.store = store;
        this.archive = archive;
        this.names = names;
    }

    public RejudgeResult rejudge(RejudgeRequest request) {
        if (request == null || (request.submissionId() == null) == (request.problemId() == null)) {
            throw ApiException.invalid(request != null && request.submissionId() != null ? "problem_id" : "submission_id",
                    "give exactly one of submission_id and problem_id");
        }
        if (request.submissionId() != null) {
            long id = positive("submission_id", request.submissionId());
            if (request.userId() == null) {
                throw ApiException.invalid("user_id", "user_id is required with submission_id (ids are scoped per user)");
            }
            SubmissionRef ref = new SubmissionRef(Long.toString(positive("user_id", request.userId())), id);
            rejudgeOne(ref);
            return new RejudgeResult(List.of(RejudgeResult.Submission.of(ref)), List.of(), 1);
        }
        long problemId = positive("problem_id", request.problemId());
        List<RejudgeResult.Submission> done = new ArrayList<>();
        List<RejudgeResult.Submission> skipped = new ArrayList<>();
        for (JudgeSubmission s : store.byProblem(names.problemName(problemId))) {
            long id = idOf(s);
            RejudgeResult.Submission one = new RejudgeResult.Submission(s.getSpec() == null ? null : s.getSpec().getUserId(), id);
            if (isFinal(s)) {
                rejudgeLive(id, s);
                done.add(one);
            } else {
                skipped.add(one);
            }
        }
        return new RejudgeResult(done, skipped, done.size());
    }

    private void rejudgeOne(SubmissionRef ref) {
        long id = ref.submissionId();
        String name = ref.name();
        Optional<JudgeSubmission> live = store.get(name);
        if (live.isPresent()) {
            if (!isFinal(live.get())) {
                // An entry left by a recreate whose delete failed goes now, when it is asked again.
                archive.delete(name);
                throw ApiException.conflict("not_final", "submission_id", "submission " + id + " is still "
                        + SubmissionViews.phaseName(live.get().getStatus() == null ? null : live.get().getStatus().getPhase()));
            }
            rejudgeLive(id, live.get());
            return;
        }
        JudgeSubmission archived = archive.find(name).orElseThrow(ref::notFound);
        if (archived.getSpec() == null || archived.getSpec().getSource() == null) {
            throw ApiException.conflict("source_not_archived", "submission_id", "submission " + id
                    + " was archived without its source and cannot be judged again");
        }
        if (store.create(revived(archived)).isEmpty()) {
            rejudgeLive(id, store.get(name).orElseThrow(ref::notFound));
            return;
        }
        archive.delete(name);
    }

    private void rejudgeLive(long id, JudgeSubmission s) {
        archive.delete(s.getMetadata().getName());
        JudgeSubmission current = s;
        for (int attempt = 0; ; attempt++) {
            int next = (current.getSpec().getRejudge() == null ? 0 : current.getSpec().getRejudge()) + 1;
            try {
                store.patchSpec(current, Map.of("rejudge", next, "priority", "low", "cancel", false));
                break;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 2) {
                    throw e;
                }
                current = store.get(current.getMetadata().getName()).orElseThrow(() -> new SubmissionRef(s.getSpec().getUserId(), id).notFound());
            }
        }
    }

    /** The archived submission as a new resource: same identity and request, a fresh status. */
    private static JudgeSubmission revived(JudgeSubmission archived) {
        ObjectMeta old = archived.getMetadata();
        JudgeSubmissionSpec spec = archived.getSpec();
        spec.setRejudge((spec.getRejudge() == null ? 0 : spec.getRejudge()) + 1);
        spec.setPriority(JudgeSubmissionSpec.Priority.LOW);
        spec.setCancel(false);
        JudgeSubmission s = new JudgeSubmission();
        s.setMetadata(new ObjectMetaBuilder()
                .withName(old.getName())
                .withLabels(old.getLabels())
                .withAnnotations(old.getAnnotations())
                .build());
        s.setSpec(spec);
        return s;
    }

    private static boolean isFinal(JudgeSubmission s) {
        JudgeSubmissionStatus.Phase phase = s.getStatus() == null ? null : s.getStatus().getPhase();
        return phase != null && phase.isFinal();
    }

    private static long idOf(JudgeSubmission s) {
        String name = s.getMetadata().getName();
        try {
            return Long.parseLong(s.getSpec() != null && s.getSpec().getSubmissionId() != null
                    ? s.getSpec().getSubmissionId() : name.substring(name.lastIndexOf('-') + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long positive(String field, long value) {
        if (value < 1) {
            throw ApiException.invalid(field, field + " must be >= 1, not " + value);
        }
        return value;
    }
}
