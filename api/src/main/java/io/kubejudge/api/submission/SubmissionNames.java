package io.kubejudge.api.submission;

import io.kubejudge.api.config.ApiConfig;
import io.kubejudge.api.error.ApiException;
import io.kubejudge.model.v1alpha1.KubeJudge;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/**
 * How the platform's numeric ids map to Kubernetes names: submission N is the JudgeSubmission
 * {@code sub-N}; problem M is the JudgeProblem named by the configured template
 * ({@code problem-{id}} by default, so {@code problem-M}).
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

    public static String submissionName(long submissionId) {
        return SUBMISSION_PREFIX + submissionId;
    }

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

    public static String url(long submissionId) {
        return "/api/v1/judge/submissions/" + submissionId;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
