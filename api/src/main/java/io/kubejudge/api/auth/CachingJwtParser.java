package io.kubejudge.api.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers tokens it verified, so that a client polling a status with the same token does not
 * pay for parsing and an RSA signature check on every request (they were most of the cost of a
 * status read). An entry is used until the token expires and for at most a minute, so a change
 * of the verification key takes effect within a minute; tokens that fail are never remembered.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser extends DefaultJWTParser {

    static final int MAX_ENTRIES = 50_000;
    static final long MAX_AGE_MS = 60_000;

    /** The caller is derived once too: reading claims wraps each value in a new JSON object. */
    private record Verified(JsonWebToken token, Caller caller, long validUntilMs) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        long now = System.currentTimeMillis();
        Verified v = verified.get(bearerToken);
        if (v != null && now < v.validUntilMs()) {
            return v.token();
        }
        JsonWebToken token = super.parse(bearerToken);
        long expiresMs = token.getExpirationTime() * 1000;
        if (expiresMs > now) {
            if (verified.size() >= MAX_ENTRIES) {
                evict(now);
            }
            verified.put(bearerToken, new Verified(token, Callers.of(token), Math.min(expiresMs, now + MAX_AGE_MS)));
        }
        return token;
    }

    /** The caller of a token this parser verified and still remembers, else null. */
    Caller callerOf(String rawToken) {
        Verified v = rawToken == null ? null : verified.get(rawToken);
        return v != null && System.currentTimeMillis() < v.validUntilMs() ? v.caller() : null;
    }

    private void evict(long now) {
        verified.values().removeIf(v -> v.validUntilMs() <= now);
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
    }

    int size() {
        return verified.size();
    }
}
