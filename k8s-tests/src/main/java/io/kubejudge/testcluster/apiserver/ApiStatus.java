package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code v1 Status} body of a failed request, as clients parse it (reason, code, message). */
final class ApiStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiStatus() {
    }

    static StoredObjects.Response failure(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return new StoredObjects.Response(code, status);
    }
}
