package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic-merge patch (what {@code kubectl apply} sends for built-in kinds), approximated without
 * the Go types' schema: a JSON merge patch, except that the lists Kubernetes merges by key are
 * merged by that key (containers and volumes by name, ports by containerPort/port, volumeMounts by
 * mountPath, ... - the patchMergeKey tags of k8s.io/api for the kinds KubeJudge uses), finalizers
 * merge as a set, and the directives {@code $patch} (delete/replace/merge),
 * {@code $setElementOrder/<list>}, {@code $deleteFromPrimitiveList/<list>} and {@code $retainKeys} are
 * obeyed instead of being stored as fields. Every other list is replaced (atomic), as in Kubernetes.
 */
final class StrategicMergePatch {

    /** List field -> merge key (k8s.io/api patchMergeKey); "ports" also covers a Service's (port). */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("volumes", "name"), Map.entry("env", "name"),
            Map.entry("imagePullSecrets", "name"), Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"), Map.entry("ports", "containerPort"),
            Map.entry("conditions", "type"), Map.entry("ownerReferences", "uid"), Map.entry("hostAliases", "ip"),
            Map.entry("topologySpreadConstraints", "topologyKey"));
    /** Primitive lists with patchStrategy merge. */
    private static final Set<String> MERGED_SETS = Set.of("finalizers");

    private static final String SET_ORDER = "$setElementOrder/";
    private static final String DELETE_FROM = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {
    }

    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        if ("replace".equals(patch.path("$patch").asText())) {
            ObjectNode replaced = ((ObjectNode) patch).deepCopy();
            replaced.remove("$patch");
            return replaced;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.startsWith("$")) {
                if (key.startsWith(DELETE_FROM)) {
                    String field = key.substring(DELETE_FROM.length());
                    Set<String> gone = texts(value);
                    if (result.path(field).isArray()) {
                        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
                        result.path(field).forEach(v -> {
                            if (!gone.contains(v.asText())) {
                                kept.add(v);
                            }
                        });
                        result.set(field, kept);
                    }
                }
                continue;
            }
            if (value.isNull()) {
                result.remove(key);
            } else if (value.isObject() && "delete".equals(value.path("$patch").asText())) {
                result.remove(key);
            } else if (value.isArray()) {
                result.set(key, list(key, result.get(key), (ArrayNode) value));
            } else {
                result.set(key, apply(result.get(key), value));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith(SET_ORDER) && result.path(e.getKey().substring(SET_ORDER.length())).isArray()) {
                String field = e.getKey().substring(SET_ORDER.length());
                result.set(field, ordered(field, (ArrayNode) result.get(field), e.getValue()));
            }
        }
        JsonNode retain = patch.path("$retainKeys");
        if (retain.isArray()) {
            Set<String> keep = texts(retain);
            result.retain(keep);
        }
        return result;
    }

    private static JsonNode list(String field, JsonNode current, ArrayNode patch) {
        String mergeKey = mergeKey(field, patch);
        if (MERGED_SETS.contains(field)) {
            ArrayNode merged = current != null && current.isArray() ? ((ArrayNode) current).deepCopy()
                    : JsonNodeFactory.instance.arrayNode();
            Set<String> present = texts(merged);
            patch.forEach(v -> {
                if (present.add(v.asText())) {
                    merged.add(v);
                }
            });
            return merged;
        }
        if (mergeKey == null || current == null || !current.isArray()) {
            ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
            patch.forEach(v -> {
                if (!"delete".equals(v.path("$patch").asText())) {
                    replaced.add(v.isObject() ? apply(null, v) : v);
                }
            });
            return replaced;
        }
        ArrayNode merged = ((ArrayNode) current).deepCopy();
        for (JsonNode element : patch) {
            if (element.isObject() && "replace".equals(element.path("$patch").asText()) && element.size() == 1) {
                merged.removeAll(); // {"$patch": "replace"} in a list: the rest of the patch list is the whole list
                continue;
            }
            int at = indexOf(merged, mergeKey, element.path(mergeKey).asText());
            if ("delete".equals(element.path("$patch").asText())) {
                if (at >= 0) {
                    merged.remove(at);
                }
            } else if (at >= 0) {
                merged.set(at, apply(merged.get(at), element));
            } else {
                merged.add(apply(null, element));
            }
        }
        return merged;
    }

    private static String mergeKey(String field, ArrayNode patch) {
        String key = MERGE_KEYS.get(field);
        if ("ports".equals(field)) {
            for (JsonNode p : patch) {
                if (p.has("port") && !p.has("containerPort")) {
                    return "port"; // a Service's ports
                }
            }
        }
        return key;
    }

    private static ArrayNode ordered(String field, ArrayNode list, JsonNode order) {
        String mergeKey = MERGE_KEYS.get(field);
        List<JsonNode> rest = new ArrayList<>();
        list.forEach(rest::add);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode wanted : order) {
            String id = mergeKey != null && wanted.isObject() ? wanted.path(mergeKey).asText() : wanted.asText();
            for (Iterator<JsonNode> it = rest.iterator(); it.hasNext(); ) {
                JsonNode element = it.next();
                String elementId = mergeKey != null && element.isObject() ? element.path(mergeKey).asText() : element.asText();
                if (elementId.equals(id)) {
                    out.add(element);
                    it.remove();
                    break;
                }
            }
        }
        rest.forEach(out::add);
        return out;
    }

    private static int indexOf(ArrayNode list, String key, String value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path(key).asText().equals(value) && list.get(i).has(key)) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
