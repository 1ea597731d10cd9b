package io.kubejudge.api.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Turns every failure into a JSON {@link ApiError}; nothing internal (stack traces, class
 * names) reaches a client. Unexpected failures are logged with a reference the answer quotes.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder b = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.error());
        e.headers().forEach(b::header);
        return b.build();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String allowed = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", "));
        return json(400, new ApiError("unknown_field",
                "unknown field '" + e.getPropertyName() + "'" + (allowed.isEmpty() ? "" : " (allowed: " + allowed + ")"),
                path(e)));
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        String field = path(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return json(400, new ApiError("invalid_type",
                field == null ? "the body must be a JSON object" : "field '" + field + "' must be " + expected,
                field));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        InputCoercionException c = e instanceof InputCoercionException i ? i
                : e.getCause() instanceof InputCoercionException i ? i : null;
        if (c != null) {
            String field = e instanceof JsonMappingException m && path(m) != null ? path(m) : currentField(c);
            return json(400, new ApiError("invalid_type", (field == null ? "a number" : "field '" + field + "'")
                    + " is out of range: it must be an integer below 2^63", field));
        }
        String field = e instanceof JsonMappingException m ? path(m)
                : e instanceof StreamReadException r ? currentField(r) : null;
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return json(400, new ApiError("malformed_json", "the body is not valid JSON" + where
                + (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                        ? " (a field is given twice)" : ""), field));
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, new ApiError("forbidden", "the token's roles do not allow this operation", null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // The JSON reader wraps syntax errors; answer them like the ones it lets through.
        if (e.getCause() instanceof JsonProcessingException j) {
            return j instanceof JsonMappingException m ? mapping(m) : malformed(j);
        }
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return unauthorized();
        }
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        String message = status >= 500 ? "internal error" : e.getResponse().getStatusInfo().getReasonPhrase();
        return json(status, new ApiError(code, message, null));
    }

    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e) {
        int code = e.getCode();
        if (code == 409) {
            return json(409, new ApiError("conflict", "the resource changed at the same time; retry", null));
        }
        if (code == 422 || code == 400) {
            String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : "invalid";
            return json(422, new ApiError("rejected_by_kubernetes", detail, null));
        }
        if (code == 0 || code >= 500) {
            LOG.warnf("Kubernetes API unavailable: %s", e.getMessage());
            return json(503, new ApiError("kubernetes_unavailable", "the Kubernetes API is unavailable; retry later", null));
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response redis(JedisException e) {
        LOG.warnf("Redis unavailable: %s", e.getMessage());
        return json(503, new ApiError("redis_unavailable", "Redis is unavailable; retry later", null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, reference %s", reference);
        return json(500, new ApiError("internal_error", "internal error (reference " + reference + ")", null));
    }

    private Response mapping(JsonMappingException m) {
        if (m instanceof UnrecognizedPropertyException u) {
            return unknownField(u);
        }
        if (m instanceof MismatchedInputException i) {
            return wrongType(i);
        }
        return malformed(m);
    }

    private static String currentField(StreamReadException e) {
        JsonParser p = e.getProcessor();
        return p == null || p.getParsingContext() == null ? null : p.getParsingContext().getCurrentName();
    }

    private static Response unauthorized() {
        return Response.status(401).type(MediaType.APPLICATION_JSON)
                .header("WWW-Authenticate", "Bearer")
                .entity(new ApiError("unauthorized", "a valid bearer token is required", null))
                .build();
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
    }

    private static String path(JsonMappingException e) {
        if (e.getPath() == null || e.getPath().isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a JSON object";
    }
}
