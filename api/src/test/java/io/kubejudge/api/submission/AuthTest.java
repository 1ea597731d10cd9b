package io.kubejudge.api.submission;

import static io.kubejudge.api.support.Fixtures.PROBLEM_ANY;
import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.submitBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.auth.MintToken;
import io.kubejudge.api.auth.Roles;
import io.kubejudge.api.support.Api;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.smallrye.jwt.build.Jwt;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens: missing or bad is 401, a wrong role 403, every time as a JSON error. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class AuthTest {

    @Inject
    KubernetesClient client;

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    private static void unauthorized(io.restassured.response.ValidatableResponse r) {
        r.statusCode(401).contentType(ContentType.JSON).header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void noTokenIs401OnEveryEndpoint() {
        unauthorized(given().contentType(ContentType.JSON).body(submitBody(1, 1, 1, "c", "x")).post("/api/v1/judge/submit").then());
        unauthorized(given().get("/api/v1/judge/submissions/1").then());
        unauthorized(given().get("/api/v1/judge/submissions/1/events").then());
        unauthorized(given().delete("/api/v1/judge/submissions/1").then());
        unauthorized(given().contentType(ContentType.JSON).body("{\"submission_id\":1}").post("/api/v1/judge/rejudge").then());
        unauthorized(given().get("/cluster/status").then());
        unauthorized(given().contentType(ContentType.JSON).body("{}").post("/cluster/scale").then());
        unauthorized(given().get("/cluster/metrics").then());
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Path key = Files.createTempFile("other-key", ".pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        MintToken.Options o = new MintToken.Options("5", java.util.Set.of(Roles.ADMIN), java.util.Set.of(), 3600, key, "kubejudge",
                MintToken.DEFAULT_AUDIENCE);
        unauthorized(Api.get(MintToken.mint(o), 1));
        Files.delete(key);
    }

    @Test
    void anExpiredTokenIs401() {
        // Expired by more than the verifier's clock-skew allowance (60 s).
        long now = System.currentTimeMillis() / 1000;
        String token = Jwt.issuer("kubejudge").subject("5").groups(Roles.ADMIN)
                .audience(MintToken.DEFAULT_AUDIENCE).issuedAt(now - 600).expiresAt(now - 300).sign("dev-keys/privateKey.pem");
        unauthorized(Api.get(token, 1));
        Api.get(Jwt.issuer("kubejudge").subject("5").groups(Roles.ADMIN).audience(MintToken.DEFAULT_AUDIENCE)
                .issuedAt(now).expiresAt(now + 300)
                .sign("dev-keys/privateKey.pem"), 1).statusCode(404);
    }

    @Test
    void aTokenOfAnotherIssuerIs401() throws Exception {
        unauthorized(Api.get(MintToken.mint(MintToken.Options.of("5", Roles.ADMIN).issuedBy("somebody-else")), 1));
    }

    @Test
    void aTokenForAnotherAudienceOrNoneIs401() throws Exception {
        MintToken.Options admin = MintToken.Options.of("5", Roles.ADMIN);
        unauthorized(Api.get(MintToken.mint(admin.forAudience("another-service")), 1));
        unauthorized(Api.get(MintToken.mint(admin.forAudience(null)), 1));
        Api.get(MintToken.mint(admin), 1).statusCode(404);
    }

    @Test
    void garbageIs401() {
        unauthorized(Api.get("not.a.jwt", 1));
    }

    @Test
    void aTokenWithoutAKnownRoleIs403() throws Exception {
        String token = MintToken.mint(new MintToken.Options("5", java.util.Set.of("viewer"), java.util.Set.of(), 3600, null,
                "kubejudge", MintToken.DEFAULT_AUDIENCE));
        Api.submit(token, submitBody(nextId(), PROBLEM_ANY, 5, "c", "x")).statusCode(403).body("code", equalTo("forbidden"));
    }

    @Test
    void aSubmitterMayNotRejudgeNorScale() {
        String submitter = Fixtures.token("5");
        Api.rejudge(submitter, "{\"submission_id\": 1, \"user_id\": 5}").statusCode(403).body("code", equalTo("forbidden"));
        given().auth().oauth2(submitter).contentType(ContentType.JSON)
                .body("{\"action\": \"set\", \"node_count\": 1, \"node_type\": \"default\"}")
                .post("/cluster/scale").then().statusCode(403).body("code", equalTo("forbidden"));
    }

    @Test
    void unknownPathsAnswerJson404() {
        given().auth().oauth2(Fixtures.adminToken()).get("/api/v1/judge/nothing-here").then()
                .statusCode(404);
    }
}
