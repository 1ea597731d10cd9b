package io.kubejudge.api.submission;

import static io.kubejudge.api.support.Fixtures.PROBLEM_ANY;
import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.submitBody;
import static io.kubejudge.api.support.Fixtures.token;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.support.Api;
import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.api.support.RedisServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a submit request can be wrong, each answered with a JSON error naming the field. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
@WithTestResource(RedisServerResource.class)
class SubmitValidationTest {

    @Inject
    KubernetesClient client;

    @BeforeEach
    void catalog() {
        Fixtures.ensureCatalog(client);
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                invalid("submission_id missing", b -> b.remove("submission_id"), "invalid_field", "submission_id", "required"),
                invalid("submission_id zero", b -> b.put("submission_id", 0), "invalid_field", "submission_id", ">= 1"),
                invalid("submission_id negative", b -> b.put("submission_id", -3), "invalid_field", "submission_id", ">= 1"),
                invalid("submission_id a string", b -> b.put("submission_id", "5"), "invalid_type", "submission_id", "integer"),
                invalid("submission_id a fraction", b -> b.put("submission_id", 1.5), "invalid_type", "submission_id", "integer"),
                invalid("submission_id too big", b -> b.put("submission_id", new java.math.BigInteger("99999999999999999999")),
                        "invalid_type", "submission_id", "integer"),
                invalid("problem_id missing", b -> b.remove("problem_id"), "invalid_field", "problem_id", "required"),
                invalid("problem_id zero", b -> b.put("problem_id", 0), "invalid_field", "problem_id", ">= 1"),
                invalid("user_id missing", b -> b.remove("user_id"), "invalid_field", "user_id", "required"),
                invalid("user_id zero", b -> b.put("user_id", 0), "invalid_field", "user_id", ">= 1"),
                invalid("language missing", b -> b.remove("language"), "invalid_field", "language", "one of " + io.kubejudge.model.result.Language.knownIds()),
                invalid("language unknown", b -> b.put("language", "rust"), "invalid_field", "language", "not 'rust'"),
                invalid("language a number", b -> b.put("language", 3), "invalid_type", "language", "string"),
                invalid("code missing", b -> b.remove("code"), "invalid_field", "code", "required"),
                invalid("code empty", b -> b.put("code", ""), "invalid_field", "code", "empty"),
                invalid("code blank", b -> b.put("code", " \n\t"), "invalid_field", "code", "empty"),
                invalid("code over 64 KiB", b -> b.put("code", "x".repeat(65537)), "invalid_field", "code", "65537 bytes; the limit is 65536"),
                invalid("code over 64 KiB in UTF-8 bytes", b -> b.put("code", "\u00e9".repeat(40000)), "invalid_field", "code", "80000 bytes"),
                invalid("contest_id zero", b -> b.put("contest_id", 0), "invalid_field", "contest_id", ">= 1"),
                invalid("pool not a DNS label", b -> b.put("pool", "Big_Pool"), "invalid_field", "pool", "DNS label"),
                invalid("unknown field", b -> b.put("priority", "contest"), "unknown_field", "priority", "unknown field 'priority'"));
    }

    private static Arguments invalid(String name, Consumer<Map<String, Object>> change, String code, String field, String message) {
        return Arguments.of(name, change, code, field, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void anInvalidFieldIsA400NamingIt(String name, Consumer<Map<String, Object>> change, String code, String field, String message) {
        long user = nextId();
        Map<String, Object> body = submitBody(nextId(), PROBLEM_ANY, user, "c", "int main(){}");
        change.accept(body);
        Api.submit(token(Long.toString(user)), body)
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("code", equalTo(code))
                .body("field", equalTo(field))
                .body("message", containsString(message))
                .body(not(containsString("Exception")));
    }

    @Test
    void codeOfExactlyTheLimitIsAccepted() {
        long user = nextId();
        Api.submit(token(Long.toString(user)), submitBody(nextId(), PROBLEM_ANY, user, "c", "x".repeat(65536)))
                .statusCode(202);
    }

    private static io.restassured.response.ValidatableResponse raw(String body, String contentType) {
        return given().auth().oauth2(token("7")).contentType(contentType).body(body)
                .when().post("/api/v1/judge/submit").then();
    }

    @Test
    void malformedJsonIsA400WithoutInternals() {
        raw("{\"submission_id\": 1,", "application/json").statusCode(400)
                .body("code", equalTo("malformed_json")).body(not(containsString("jackson")));
        raw("{\"submission_id\": 1} trailing", "application/json").statusCode(400);
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        raw("{\"submission_id\": 1, \"submission_id\": 2, \"problem_id\": 1, \"user_id\": 7, \"language\": \"c\", \"code\": \"x\"}",
                "application/json").statusCode(400).body("code", equalTo("malformed_json"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        raw("[1, 2]", "application/json").statusCode(400).body("code", equalTo("invalid_type"));
        raw("", "application/json").statusCode(400).body("code", equalTo("missing_body"));
    }

    /**
     * Only the headers are sent: the refusal must come from the declared length, before any of the body is read. (Sending
     * the body too made the test flaky — the server answers and closes while the client is still writing: broken pipe.)
     */
    @Test
    void anOversizedBodyIsRefusedBeforeParsing() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            String head = "POST /api/v1/judge/submit HTTP/1.1\r\n"
                    + "Host: localhost\r\n"
                    + "Authorization: Bearer " + token("7") + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + (300 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine);
        }
    }

    @Test
    void anotherMediaTypeIsRefused() {
        raw("submission_id=1", "text/plain").statusCode(415).body("code", equalTo("unsupported_media_type"));
    }
}
