package io.kubejudge.api.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The API refuses to start without a key to verify tokens with. Without one smallrye-jwt would
 * start and answer every request 401, which looks like a broken client rather than a missing
 * setting; and the dev key that once filled the gap is not shipped (it lives with the tests).
 */
@Singleton
public class VerificationKeyCheck {

    static final String LOCATION = "mp.jwt.verify.publickey.location";
    static final String KEY = "mp.jwt.verify.publickey";
    static final String AUDIENCES = "mp.jwt.verify.audiences";

    void onStart(@Observes StartupEvent e, Config config) {
        require(config.getOptionalValue(LOCATION, String.class), config.getOptionalValue(KEY, String.class),
                config.getOptionalValue(AUDIENCES, String.class));
    }

    /** Throws, naming the settings, when no verification key or no audience is configured. */
    static void require(Optional<String> location, Optional<String> key, Optional<String> audiences) {
        if (location.filter(s -> !s.isBlank()).isEmpty() && key.filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalStateException("no key to verify tokens with: set " + LOCATION
                    + " (MP_JWT_VERIFY_PUBLICKEY_LOCATION: a PEM public key or a JWKS file or https URL) or " + KEY
                    + " (MP_JWT_VERIFY_PUBLICKEY); the Helm chart sets it from api.jwt.publicKey");
        }
        if (audiences.filter(s -> !s.isBlank()).isEmpty()) {
            throw new IllegalStateException("no token audience to check: set " + AUDIENCES
                    + " (MP_JWT_VERIFY_AUDIENCES), e.g. kubejudge-api");
        }
    }
}
