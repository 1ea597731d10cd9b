package io.kubejudge.operator.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Keeps one owned object as desired: created when missing, replaced when its spec, labels or
 * owner differ, left alone otherwise (no write when nothing changed). Plain create/replace rather
 * than server-side apply keeps it working on every API server, the test one included.
 */
final class PoolDependents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PoolDependents() {
    }

    static <T extends HasMetadata> void apply(KubernetesClient client, T desired) {
        HasMetadata existing = client.resource(desired).get();
        if (existing == null) {
            client.resource(desired).create();
            return;
        }
        if (same(existing, desired)) {
            return;
        }
        desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        client.resource(desired).update();
    }

    /** Whether everything we want is already there; fields the API server defaulted do not count. */
    static boolean same(HasMetadata existing, HasMetadata desired) {
        JsonNode a = JSON.valueToTree(existing);
        JsonNode b = JSON.valueToTree(desired);
        return covers(a.path("spec"), b.path("spec"))
                && covers(a.path("metadata").path("labels"), b.path("metadata").path("labels"))
                && covers(a.path("metadata").path("ownerReferences"), b.path("metadata").path("ownerReferences"));
    }

    static boolean covers(JsonNode actual, JsonNode wanted) {
        if (wanted.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (var it = wanted.fields(); it.hasNext(); ) {
                var field = it.next();
                if (!covers(actual.path(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (wanted.isArray()) {
            if (!actual.isArray() || actual.size() != wanted.size()) {
                return false;
            }
            for (int i = 0; i < wanted.size(); i++) {
                if (!covers(actual.get(i), wanted.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return wanted.isNull() || wanted.equals(actual);
    }
}
