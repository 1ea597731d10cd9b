package io.kubejudge.api.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The API's endpoints as the tests call them. */
public final class Api {

    private Api() {
    }

    public static ValidatableResponse submit(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/judge/submit").then();
    }

    /** A new submission of {@code user} to the any-language problem, accepted (202); its id. */
    public static long submitted(long user, String language, String code) {
        long id = Fixtures.nextId();
        submit(Fixtures.token(Long.toString(user)), Fixtures.submitBody(id, Fixtures.PROBLEM_ANY, user, language, code))
                .statusCode(202);
        return id;
    }

    public static ValidatableResponse get(String token, Object id) {
        return given().auth().oauth2(token).when().get("/api/v1/judge/submissions/" + id).then();
    }

    /** Submission {@code id} of {@code user} (an admin's read, or a probe of another user's ids). */
    public static ValidatableResponse get(String token, Object id, long user) {
        return given().auth().oauth2(token).queryParam("user_id", user).when().get("/api/v1/judge/submissions/" + id).then();
    }

    public static ValidatableResponse cancel(String token, Object id, long user) {
        return given().auth().oauth2(token).queryParam("user_id", user).when().delete("/api/v1/judge/submissions/" + id).then();
    }

    public static ValidatableResponse cancel(String token, Object id) {
        return given().auth().oauth2(token).when().delete("/api/v1/judge/submissions/" + id).then();
    }

    public static ValidatableResponse rejudge(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/judge/rejudge").then();
    }
}
