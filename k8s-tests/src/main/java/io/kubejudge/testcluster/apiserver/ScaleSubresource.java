package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.kubejudge.testcluster.apiserver.ResourceType.ScalePaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code /scale} subresource: an {@code autoscaling/v1 Scale} view of an object whose replicas
 * live where the CRD's {@code subresources.scale} (or the built-in kind) says. GET reads it; PUT and
 * PATCH (merge, JSON, strategic-merge = merge for a Scale, which has no lists) change only the
 * object's spec replicas, as kube-apiserver does. The fabric8 store alone would store the Scale body
 * as the object.
 */
final class ScaleSubresource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StoredObjects store;

    ScaleSubresource(StoredObjects store) {
        this.store = store;
    }

    /**
     * @param objectPath the object's path (the request path without {@code /scale} and query)
     */
    StoredObjects.Response handle(String method, String objectPath, ResourceType type, String contentType, String body) {
        ScalePaths paths = type.scale();
        JsonNode object = store.get(objectPath).orElse(null);
        if (object == null) {
            return ApiStatus.failure(404, "NotFound", type.plural() + "." + type.group() + " \""
                    + objectPath.substring(objectPath.lastIndexOf('/') + 1) + "\" not found");
        }
        ObjectNode current = scale(object, paths);
        if (method.equals("GET")) {
            return new StoredObjects.Response(200, current);
        }
        JsonNode wanted;
        try {
            wanted = switch (method) {
                case "PUT" -> JSON.readTree(body);
                case "PATCH" -> patched(current, contentType, body);
                default -> null;
            };
        } catch (IOException | RuntimeException e) {
            return ApiStatus.failure(400, "BadRequest", "the Scale in the request does not parse: " + e.getMessage());
        }
        if (wanted == null) {
            return ApiStatus.failure(405, "MethodNotAllowed", method + " is not supported on " + type.plural() + "/scale");
        }
        if (wanted.has("error")) {
            return ApiStatus.failure(415, "UnsupportedMediaType", wanted.path("error").asText());
        }
        String expectedVersion = wanted.path("metadata").path("resourceVersion").asText("");
        if (!expectedVersion.isEmpty() && !expectedVersion.equals(current.path("metadata").path("resourceVersion").asText())) {
            return ApiStatus.failure(409, "Conflict", "Operation cannot be fulfilled on " + type.plural() + "." + type.group()
                    + " \"" + current.path("metadata").path("name").asText()
                    + "\": the object has been modified; please apply your changes to the latest version and try again");
        }
        JsonNode replicas = wanted.path("spec").path("replicas");
        if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
            return ApiStatus.failure(422, "Invalid", "Scale.autoscaling \"" + current.path("metadata").path("name").asText()
                    + "\" is invalid: spec.replicas: Invalid value: " + replicas + ": must be greater than or equal to 0");
        }
        ObjectNode updated = object.deepCopy();
        set(updated, paths.specReplicasPath(), replicas.asInt());
        StoredObjects.Response stored = store.put(objectPath, updated);
        if (stored.code() >= 300) {
            return stored;
        }
        return new StoredObjects.Response(200, scale(stored.body(), paths));
    }

    /** The Scale of an object. */
    static ObjectNode scale(JsonNode object, ScalePaths paths) {
        ObjectNode scale = JSON.createObjectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        JsonNode meta = object.path("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (meta.hasNonNull(field)) {
                metadata.set(field, meta.get(field));
            }
        }
        scale.putObject("spec").put("replicas", SimpleJsonPath.read(object, paths.specReplicasPath()).asInt(0));
        ObjectNode status = scale.putObject("status").put("replicas",
                SimpleJsonPath.read(object, paths.statusReplicasPath()).asInt(0));
        if (paths.labelSelectorPath() != null) {
            JsonNode selector = SimpleJsonPath.read(object, paths.labelSelectorPath());
            if (selector.isTextual()) {
                status.put("selector", selector.asText());
            } else if (selector.isObject()) {
                status.put("selector", labelSelectorString(selector));
            }
        }
        return scale;
    }

    /** A LabelSelector as the string form Scale.status.selector uses ({@code a=b,c in (d,e)}). */
    static String labelSelectorString(JsonNode selector) {
        List<String> terms = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) selector.path("matchLabels")::fields) {
            terms.add(e.getKey() + "=" + e.getValue().asText());
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            switch (expression.path("operator").asText()) {
                case "In" -> terms.add(key + " in (" + String.join(",", values) + ")");
                case "NotIn" -> terms.add(key + " notin (" + String.join(",", values) + ")");
                case "Exists" -> terms.add(key);
                case "DoesNotExist" -> terms.add("!" + key);
                default -> {
                }
            }
        }
        return String.join(",", terms);
    }

    private static JsonNode patched(ObjectNode current, String contentType, String body) throws IOException {
        String type = contentType == null ? "" : contentType.split(";")[0].trim();
        JsonNode patch = JSON.readTree(body);
        return switch (type) {
            case "application/json-patch+json" -> JsonPatch.apply(patch, current);
            case "application/merge-patch+json", "application/strategic-merge-patch+json" -> JsonMergePatch.apply(current, patch);
            default -> JSON.createObjectNode().put("error", "the body of the request was in an unknown format - "
                    + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                    + "application/strategic-merge-patch+json (got " + contentType + ")");
        };
    }

    private static void set(ObjectNode object, String path, int value) {
        String[] steps = path.replaceFirst("^\\.", "").split("\\.");
        ObjectNode node = object;
        for (int i = 0; i < steps.length - 1; i++) {
            node = node.has(steps[i]) && node.get(steps[i]).isObject() ? (ObjectNode) node.get(steps[i]) : node.putObject(steps[i]);
        }
        node.put(steps[steps.length - 1], value);
    }
}
