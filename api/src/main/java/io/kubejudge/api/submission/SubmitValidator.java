package io.kubejudge.api.submission;

import io.kubejudge.api.auth.Caller;
import io.kubejudge.api.auth.Roles;
import io.kubejudge.api.config.ApiConfig;
import io.kubejudge.api.error.ApiException;
import io.kubejudge.model.result.Language;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks a submit request on its own (no lookups): presence, ranges, sizes, the caller's identity. */
@Singleton
public class SubmitValidator {

    static final Pattern POOL_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    private static final String LANGUAGES = Arrays.stream(Language.values()).map(Language::id).collect(Collectors.joining(", "));

    private final int maxCodeBytes;
    private final String defaultPool;

    SubmitValidator(ApiConfig config) {
        this.maxCodeBytes = config.maxCodeBytes();
        this.defaultPool = config.defaultPool();
    }

    public ValidSubmission validate(SubmitRequest r, Caller caller) {
        if (r == null) {
            throw new ApiException(400, "missing_body", "the request needs a JSON body", null);
        }
        long submissionId = positive("submission_id", r.submissionId());
        long problemId = positive("problem_id", r.problemId());
        long userId = positive("user_id", r.userId());
        if (r.contestId() != null) {
            positive("contest_id", r.contestId());
        }
        Language language = language(r.language());
        String code = code(r.code());
        String pool = r.pool() == null ? defaultPool : r.pool();
        if (!POOL_NAME.matcher(pool).matches()) {
            throw ApiException.invalid("pool", "pool must be a lower-case DNS label (a-z, 0-9, '-', at most 63"
                    + " characters), not '" + SubmissionNames.abbreviate(pool) + "'");
        }
        String user = Long.toString(userId);
        if (!caller.admin() && !user.equals(caller.userId())) {
            throw ApiException.forbidden("user_id", "user_id " + user + " is not the token's user");
        }
        if (r.contestId() != null && !caller.entitledToContest(r.contestId())) {
            // Refused rather than demoted: a contestant whose token lacks the contest should find
            // out now, not from a slow queue during the contest.
            throw ApiException.forbidden("contest_id", "contest_id " + r.contestId() + " is not among the token's"
                    + " contests (claim '" + Roles.CONTESTS_CLAIM + "'); only its contestants and admins may submit to it");
        }
        return new ValidSubmission(submissionId, problemId, user, language, code, r.contestId(), pool);
    }

    private static long positive(String field, Long value) {
        if (value == null) {
            throw ApiException.invalid(field, field + " is required");
        }
        if (value < 1) {
            throw ApiException.invalid(field, field + " must be >= 1, not " + value);
        }
        return value;
    }

    private static Language language(String id) {
        if (id == null) {
            throw ApiException.invalid("language", "language is required (one of " + LANGUAGES + ")");
        }
        try {
            return Language.fromId(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("language", "language must be one of " + LANGUAGES + ", not '"
                    + SubmissionNames.abbreviate(id) + "'");
        }
    }

    private String code(String code) {
        if (code == null) {
            throw ApiException.invalid("code", "code is required");
        }
        if (code.isBlank()) {
            throw ApiException.invalid("code", "code must not be empty");
        }
        int bytes = utf8Length(code);
        if (bytes > maxCodeBytes) {
            throw ApiException.invalid("code", "code is " + bytes + " bytes; the limit is " + maxCodeBytes + " bytes");
        }
        return code;
    }

    /** UTF-8 length without copying the (up to 64 KiB) source. */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
