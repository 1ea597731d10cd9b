package io.kubejudge.api.auth;

/** The roles a token's {@code groups} claim may carry. */
public final class Roles {
    /** May submit and read its own submissions. */
    public static final String SUBMITTER = "submitter";
    /** May read every submission, rejudge, cancel any submission and scale pools. */
    public static final String ADMIN = "admin";

    /** Claim naming the user when it differs from {@code sub}. */
    public static final String USER_ID_CLAIM = "user_id";
    /**
     * Claim listing the contest ids (numbers, or strings of digits) the caller takes part in:
     * a submission with one of these {@code contest_id}s gets contest priority. Issued by the
     * platform's identity provider only to contestants of a running contest.
     */
    public static final String CONTESTS_CLAIM = "contests";

    private Roles() {
    }
}
