package io.kubejudge.api.submission;

import io.kubejudge.api.auth.Caller;
import io.kubejudge.api.config.ApiConfig;
import io.kubejudge.api.error.ApiException;
import io.kubejudge.model.v1alpha1.KubeJudge;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/**
 * How the platform's numeric ids map to Kubernetes names: submission N of user U is the
 * JudgeSubmission {@code sub-U-N} (ids are scoped per user, see {@link SubmissionRef}); problem M
 * is the JudgeProblem named by the configured template ({@code problem-{id}} by default, so
 * {@code problem-M}).
 */
@Singleton
public class SubmissionNames {

    public static final String SUBMISSION_PREFIX = "sub-";
    /**
     * Labels that keep the request's other numeric ids on the resource. Labels rather than
     * annotations: the operator's archive keeps labels, and one can select by contest.
     */
    public static final String LABEL_PROBLEM_ID = KubeJudge.GROUP + "/problem-id";
    public static final String LABEL_CONTEST_ID = KubeJudge.GROUP + "/contest-id";

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$");

    private final String problemTemplate;

    SubmissionNames(ApiConfig config) {
        this.problemTemplate = config.problemNameTemplate();
        if (!problemTemplate.contains("{id}") || !DNS_SUBDOMAIN.matcher(problemName(1)).matches()) {
            throw new IllegalStateException("kubejudge.api.problem-name-template must contain {id} and make a"
                    + " lower-case DNS name, not '" + problemTemplate + "'");
        }
    }

    private static final Pattern USER_ID = Pattern.compile("^[1-9][0-9]{0,18}$");

    public String problemName(long problemId) {
        return problemTemplate.replace("{id}", Long.toString(problemId));
    }

    /** The submission id of a path parameter, or a 400 naming it. */
    public static long parseSubmissionId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalid("id", "the submission id must be an integer >= 1, not '" + abbreviate(raw) + "'");
    }

    /**
     * The submission a request names: {@code id} of the caller's own user, or of {@code user_id}
     * when given. A submitter naming another user gets the same 404 as for a submission that does
     * not exist (the answer depends on the request only, so nothing can be probed); an admin may
     * name any user.
     */
    public static SubmissionRef resolve(Caller caller, String userIdParam, String rawId) {
        long submissionId = parseSubmissionId(rawId);
        String userId = userIdParam != null ? userIdParam : caller.userId();
        if (userIdParam != null && !USER_ID.matcher(userIdParam).matches()) {
            throw ApiException.invalid("user_id", "user_id must be an integer >= 1, not '" + abbreviate(userIdParam) + "'");
        }
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            if (caller.admin()) {
                throw ApiException.invalid("user_id", "user_id is required: the token's user is not a numeric user id");
            }
            // A submitter whose token names no numeric user has no submissions at all.
            return new SubmissionRef(userIdParam != null ? userIdParam : "0", submissionId);
        }
        SubmissionRef ref = new SubmissionRef(userId, submissionId);
        if (!caller.admin() && !userId.equals(caller.userId())) {
            throw ref.notFound();
        }
        return ref;
    }

    static String path(long submissionId) {
        return "/api/v1/judge/submissions/" + submissionId;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
