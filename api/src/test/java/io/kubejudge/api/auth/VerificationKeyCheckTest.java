package io.kubejudge.api.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up refusal; k8s-tests' PackagedApiTest starts the packaged API without a key and sees it. */
class VerificationKeyCheckTest {

    private static final Optional<String> AUD = Optional.of("kubejudge-api");

    @Test
    void noKeyAtAllRefusesToStartNamingTheSettings() {
        assertThatThrownBy(() -> VerificationKeyCheck.require(Optional.empty(), Optional.empty(), AUD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no key to verify tokens with")
                .hasMessageContaining("mp.jwt.verify.publickey.location")
                .hasMessageContaining("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertThatThrownBy(() -> VerificationKeyCheck.require(Optional.of(" "), Optional.of(""), AUD))
                .hasMessageContaining("no key to verify tokens with");
    }

    @Test
    void noAudienceRefusesToStart() {
        assertThatThrownBy(() -> VerificationKeyCheck.require(Optional.of("/k.pem"), Optional.empty(), Optional.empty()))
                .hasMessageContaining("mp.jwt.verify.audiences");
    }

    @Test
    void aKeyLocationOrAKeyIsEnough() {
        assertThatCode(() -> VerificationKeyCheck.require(Optional.of("https://idp.example/jwks.json"), Optional.empty(), AUD))
                .doesNotThrowAnyException();
        assertThatCode(() -> VerificationKeyCheck.require(Optional.empty(), Optional.of("MIIB..."), AUD))
                .doesNotThrowAnyException();
    }
}
