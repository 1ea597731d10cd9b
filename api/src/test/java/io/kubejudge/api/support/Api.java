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

    public static ValidatableResponse get(String token, Object id) {
        return given().auth().oauth2(token).when().get("/api/v1/judge/submissions/" + id).then();
    }

    public static ValidatableResponse cancel(String token, Object id) {
        return given().auth().oauth2(token).when().delete("/api/v1/judge/submissions/" + id).then();
    }

    public static ValidatableResponse rejudge(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/judge/rejudge").then();
    }
}
