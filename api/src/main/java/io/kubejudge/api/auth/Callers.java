package io.kubejudge.api.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        return new Caller(userId, jwt.getGroups() != null && jwt.getGroups().contains(Roles.ADMIN),
                contests(jwt.getClaim(Roles.CONTESTS_CLAIM)));
    }

    /** The contest ids of the claim: a JSON array (or one value) of numbers or digit strings; anything else names none. */
    static Set<Long> contests(Object claim) {
        if (claim == null) {
            return Set.of();
        }
        Collection<?> values = claim instanceof Collection<?> c ? c : List.of(claim);
        Set<Long> ids = new HashSet<>();
        for (Object v : values) {
            try {
                long id = Long.parseLong(claimValue(v));
                if (id >= 1) {
                    ids.add(id);
                }
            } catch (NumberFormatException ignored) {
                // not a contest id: grants nothing
            }
        }
        return ids;
    }

    /** Claims arrive as JSON values (jakarta.json) or plain Java values; both print the same. */
    private static String claimValue(Object v) {
        String s = v.toString();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
