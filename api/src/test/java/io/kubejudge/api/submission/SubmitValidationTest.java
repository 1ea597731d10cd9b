package io.kubejudge.api.submission;

import static io.kubejudge.api.support.Fixtures.PROBLEM_ANY;
import static io.kubejudge.api.support.Fixtures.nextId;
import static io.kubejudge.api.support.Fixtures.submitBody;
import static io.kubejudge.api.support.Fixtures.token;
import static io.restassured.RestAssured.given;
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
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
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
                invalid("language missing", b -> b.remove("language"), "invalid_field", "language", "one of c, cpp, java, python, go"),
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

    @Test
    void anOversizedBodyIsRefusedBeforeParsing() {
        String huge = "{\"code\": \"" + "x".repeat(300 * 1024) + "\"}";
        raw(huge, "application/json").statusCode(413);
    }

    @Test
    void anotherMediaTypeIsRefused() {
        raw("submission_id=1", "text/plain").statusCode(415).body("code", equalTo("unsupported_media_type"));
    }
}
