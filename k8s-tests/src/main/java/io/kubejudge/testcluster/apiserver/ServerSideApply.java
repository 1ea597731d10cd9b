package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.Optional;

/**
 * Server-side apply ({@code kubectl apply --server-side}, a PATCH of type {@code application/apply-patch+yaml}),
 * approximated: an object that does not exist is created from the applied configuration; one that
 * exists gets it as a JSON merge patch. Not modelled: managedFields and field ownership, so no
 * conflicts between managers, and fields a manager stops applying are not removed. Enough for
 * applying manifests such as the example problems, whose test data is too large for client-side
 * apply's last-applied annotation.
 */
final class ServerSideApply {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private final StoredObjects store;

    ServerSideApply(StoredObjects store) {
        this.store = store;
    }

    /**
     * @param path the object's path (or its subresource's), no query
     * @param subresource null for the object itself
     */
    StoredObjects.Response apply(String path, String subresource, String name, String namespace, String body) {
        JsonNode applied;
        try {
            applied = parse(body);
        } catch (RuntimeException | IOException e) {
            return ApiStatus.failure(400, "BadRequest", "the applied configuration does not parse: " + e.getMessage());
        }
        if (!applied.isObject()) {
            return ApiStatus.failure(400, "BadRequest", "the applied configuration must be an object");
        }
        String objectPath = subresource == null ? path : path.substring(0, path.length() - subresource.length() - 1);
        Optional<JsonNode> current = store.get(objectPath);
        if (current.isEmpty()) {
            if (subresource != null) {
                return ApiStatus.failure(404, "NotFound", "\"" + name + "\" not found");
            }
            ObjectNode created = ((ObjectNode) applied).deepCopy();
            ObjectNode metadata = created.has("metadata") && created.get("metadata").isObject()
                    ? (ObjectNode) created.get("metadata") : created.putObject("metadata");
            metadata.put("name", name);
            if (namespace != null && !path.matches("^/api/v1/namespaces/[^/]+$")) {
                metadata.put("namespace", namespace);
            }
            return store.post(objectPath.substring(0, objectPath.lastIndexOf('/')), created);
        }
        return store.put(path, JsonMergePatch.apply(current.get(), applied));
    }

    private static JsonNode parse(String body) throws IOException {
        String text = body.strip();
        if (text.startsWith("{")) {
            return JSON.readTree(text);
        }
        return JSON.valueToTree(YAML.unmarshal(text, java.util.Map.class));
    }
}
