package io.kubejudge.api.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the caller from the request's verified token: user id from {@code user_id}, else {@code sub}. */
@ApplicationScoped
public class Callers {

    @Inject
    JsonWebToken jwt;
    @Inject
    CachingJwtParser parser;

    public Caller current() {
        Caller cached = parser.callerOf(jwt.getRawToken());
        return cached != null ? cached : of(jwt);
    }

    static Caller of(JsonWebToken jwt) {
        Object claimed = jwt.getClaim(Roles.USER_ID_CLAIM);
        String userId = claimed != null ? claimValue(claimed) : jwt.getSubject();
        Object contest = jwt.getClaim(Roles.CONTEST_CLAIM);
        boolean inContest = contest != null && "true".equals(claimValue(contest));
        return new Caller(userId, jwt.getGroups() != null && jwt.getGroups().contains(Roles.ADMIN), inContest);
    }

    /** Claims arrive as JSON values (jakarta.json) or plain Java values; both print the same. */
    private static String claimValue(Object v) {
        String s = v.toString();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
