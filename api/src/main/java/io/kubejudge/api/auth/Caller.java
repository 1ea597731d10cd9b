package io.kubejudge.api.auth;

import java.util.Set;

/**
 * Who is calling, as far as authorisation is concerned.
 *
 * @param contests the contests whose submissions this caller may send with contest priority
 *                 (the token's {@value Roles#CONTESTS_CLAIM} claim)
 */
public record Caller(String userId, boolean admin, Set<Long> contests) {

    public Caller {
        contests = contests == null ? Set.of() : Set.copyOf(contests);
    }

    /** Whether a submission to {@code contestId} may jump the queue: an admin, or a token that names the contest. */
    public boolean entitledToContest(long contestId) {
        return admin || contests.contains(contestId);
    }
}
