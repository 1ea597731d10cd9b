package io.kubejudge.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The token CLI: what it signs, that the dev public key verifies it, and its argument errors. */
class MintTokenTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return MintToken.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void mintsATokenTheDevPublicKeyVerifies() throws Exception {
        assertThat(run("--user", "42", "--role", "submitter", "--role", "admin", "--contest", "7", "--contest", "9", "--ttl", "600")).isZero();
        String token = out.toString(StandardCharsets.UTF_8).trim();
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);

        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("sub").asText()).isEqualTo("42");
        assertThat(claims.get("user_id").asText()).isEqualTo("42");
        assertThat(claims.get("iss").asText()).isEqualTo("kubejudge");
        assertThat(claims.get("contests").toString()).isEqualTo("[7,9]");
        assertThat(claims.get("aud").toString()).contains("kubejudge-api");
        assertThat(claims.get("groups")).extracting(JsonNode::toString).asString().contains("submitter", "admin");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(600);

        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(devPublicKey());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void theRoleDefaultsToSubmitter() throws Exception {
        assertThat(run("--user", "7")).isZero();
        String payload = out.toString(StandardCharsets.UTF_8).trim().split("\\.")[1];
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(payload));
        assertThat(claims.get("groups").toString()).isEqualTo("[\"submitter\"]");
        assertThat(claims.has("contests")).isFalse();
    }

    @Test
    void badArgumentsExplainThemselves() {
        assertThat(run("--role", "submitter")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--user is required").contains("usage:");
        err.reset();
        assertThat(run("--user", "1", "--role", "root")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--role must be submitter or admin");
        err.reset();
        assertThat(run("--user", "1", "--ttl", "soon")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--ttl must be a number");
        err.reset();
        assertThat(run("--user", "1", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--frobnicate'");
        err.reset();
        assertThat(run("--user", "1", "--contest", "finals")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--contest must be a contest id");
    }

    @Test
    void anUnreadableKeyIsReported() {
        assertThat(run("--user", "1", "--key", "/nonexistent/key.pem")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read the signing key");
    }

    private static PublicKey devPublicKey() throws Exception {
        try (InputStream in = MintTokenTest.class.getClassLoader().getResourceAsStream("dev-keys/publicKey.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        }
    }
}
