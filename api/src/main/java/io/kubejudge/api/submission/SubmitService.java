package io.kubejudge.api.submission;

import io.kubejudge.api.auth.Caller;
import io.kubejudge.api.catalog.PoolCatalog;
import io.kubejudge.api.catalog.ProblemCatalog;
import io.kubejudge.api.error.ApiException;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A submission's way in: validate, check problem and pool (the seeds' double language check),
 * answer a repeated request from what exists, count the user's rate, create the resource.
 */
@Singleton
public class SubmitService {

    private final SubmitValidator validator;
    private final SubmissionNames names;
    private final ProblemCatalog problems;
    private final PoolCatalog pools;
    private final ArchiveStore archive;
    private final SubmissionStore store;
    private final SubmissionReader reader;
    private final RateLimiter rateLimiter;
    private final MeterRegistry metrics;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    SubmitService(SubmitValidator validator, SubmissionNames names, ProblemCatalog problems, PoolCatalog pools,
                  ArchiveStore archive, SubmissionStore store, SubmissionReader reader, RateLimiter rateLimiter,
                  MeterRegistry metrics) {
        this.validator = validator;
        this.names = names;
        this.problems = problems;
        this.pools = pools;
        this.archive = archive;
        this.store = store;
        this.reader = reader;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
    }

    /** @param created true when this request created the submission, false when it existed */
    public record Outcome(boolean created, SubmissionView view) {
    }

    public Outcome submit(Caller caller, SubmitRequest request) {
        ValidSubmission v = validator.validate(request, caller);
        String problemName = names.problemName(v.problemId());
        JudgeProblem problem = problems.find(problemName).orElseThrow(() -> ApiException.unprocessable("unknown_problem",
                "problem_id", "problem " + v.problemId() + " (JudgeProblem " + problemName + ") does not exist"));
        requireAccepted(v, problem);
        JudgeNodePool pool = pools.find(v.pool()).orElseThrow(() -> ApiException.unprocessable("unknown_pool",
                "pool", "pool '" + v.pool() + "' does not exist"));
        requireServed(v, pool);

        JudgeSubmission wanted = SubmissionFactory.build(v, problemName, priority(caller, v));
        String name = wanted.getMetadata().getName();
        // The archive lookup (a retry of a finished submission) and the rate-limit attempt share
        // one Redis round trip; a retry found archived gives its permit back.
        AtomicReference<Supplier<Optional<JudgeSubmission>>> archivedLookup = new AtomicReference<>();
        RateLimiter.Attempt attempt = rateLimiter.attempt(v.userId(), p -> archivedLookup.set(archive.find(p, name)));
        // No lookup when Redis was unreachable: then the archive reads as empty, as everywhere.
        Optional<JudgeSubmission> archived = archivedLookup.get() == null ? Optional.empty() : archivedLookup.get().get();
        if (archived.isPresent()) {
            rateLimiter.release(attempt.permit());
            return existing(v, archived.get(), wanted,
                    SubmissionViews.of(v.submissionId(), archived.get(), null, SubmissionView.FROM_ARCHIVE));
        }
        if (attempt.limited()) {
            // A client retrying a submission that exists is answered, not limited.
            Optional<JudgeSubmission> stored = store.get(name);
            if (stored.isPresent()) {
                return existing(v, stored.get(), wanted, reader.live(v.submissionId(), stored.get()));
            }
            count(v, "rate_limited");
            throw rateLimiter.limited(attempt);
        }
        RateLimiter.Permit permit = attempt.permit();
        Optional<JudgeSubmission> created;
        try {
            created = store.create(wanted);
        } catch (RuntimeException e) {
            rateLimiter.release(permit);
            throw e;
        }
        if (created.isPresent()) {
            count(v, "created");
            return new Outcome(true, SubmissionViews.of(v.submissionId(), created.get(), null, SubmissionView.FROM_LIVE));
        }
        rateLimiter.release(permit);
        JudgeSubmission stored = store.get(name).orElseThrow(() -> ApiException.conflict("conflict", "submission_id",
                "submission " + v.submissionId() + " changed while it was submitted; retry"));
        return existing(v, stored, wanted, reader.live(v.submissionId(), stored));
    }

    private Outcome existing(ValidSubmission v, JudgeSubmission stored, JudgeSubmission wanted, SubmissionView view) {
        Optional<String> field = SameSubmission.difference(stored, wanted);
        if (field.isPresent()) {
            count(v, "conflict");
            throw ApiException.conflict("conflict", field.get(), "submission " + v.submissionId()
                    + " exists with a different " + field.get() + "; a new submission needs a new submission_id");
        }
        count(v, "existing");
        return new Outcome(false, view);
    }

    /** Contest priority only for a contest the caller is entitled to; {@link SubmitValidator} refused any other. */
    static JudgeSubmissionSpec.Priority priority(Caller caller, ValidSubmission v) {
        return v.contestId() != null && caller.entitledToContest(v.contestId())
                ? JudgeSubmissionSpec.Priority.CONTEST : JudgeSubmissionSpec.Priority.NORMAL;
    }

    private static void requireAccepted(ValidSubmission v, JudgeProblem problem) {
        List<Language> accepted = problem.getSpec() == null ? List.of() : problem.getSpec().getLanguages();
        if (accepted != null && !accepted.isEmpty() && !accepted.contains(v.language())) {
            throw ApiException.unprocessable("language_not_allowed", "language", "problem " + v.problemId()
                    + " accepts " + ids(accepted) + ", not " + v.language().id());
        }
    }

    private static void requireServed(ValidSubmission v, JudgeNodePool pool) {
        List<Language> served = pool.getSpec() == null ? List.of() : pool.getSpec().getLanguages();
        if (served != null && !served.isEmpty() && !served.contains(v.language())) {
            throw ApiException.unprocessable("language_not_served", "language", "pool '" + v.pool()
                    + "' judges " + ids(served) + ", not " + v.language().id());
        }
    }

    private static String ids(List<Language> languages) {
        return languages.stream().map(Language::id).collect(Collectors.joining(", "));
    }

    private void count(ValidSubmission v, String outcome) {
        // Looked up once per language and outcome: building the meter id on every submit costs more than counting.
        counters.computeIfAbsent(v.language().id() + '/' + outcome, k -> metrics.counter("kubejudge.api.submissions",
                "language", v.language().id(), "outcome", outcome)).increment();
    }
}
