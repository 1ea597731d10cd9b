package io.kubejudge.api.error;

import java.util.Map;

/** An expected failure of a request, answered with its status and an {@link ApiError} body. */
public class ApiException extends RuntimeException {

    private final int status;
    private final ApiError error;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String message, String field) {
        this(status, new ApiError(code, message, field), Map.of());
    }

    public ApiException(int status, ApiError error, Map<String, String> headers) {
        super(error.message(), null, false, false);
        this.status = status;
        this.error = error;
        this.headers = headers;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid_field", message, field);
    }

    public static ApiException notFound(String field, String message) {
        return new ApiException(404, "not_found", message, field);
    }

    public static ApiException unprocessable(String code, String field, String message) {
        return new ApiException(422, code, message, field);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, null);
    }

    public static ApiException forbidden(String field, String message) {
        return new ApiException(403, "forbidden", message, field);
    }

    public static ApiException conflict(String code, String field, String message) {
        return new ApiException(409, code, message, field);
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
