package io.kubejudge.api.auth;

/** The roles a token's {@code groups} claim may carry. */
public final class Roles {
    /** May submit and read its own submissions. */
    public static final String SUBMITTER = "submitter";
    /** May read every submission, rejudge, cancel any submission and scale pools. */
    public static final String ADMIN = "admin";

    /** Claim naming the user when it differs from {@code sub}. */
    public static final String USER_ID_CLAIM = "user_id";
    /** Boolean claim: the caller submits in a contest, so its submissions get contest priority. */
    public static final String CONTEST_CLAIM = "contest";

    private Roles() {
    }
}
