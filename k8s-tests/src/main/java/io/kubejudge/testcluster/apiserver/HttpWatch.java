package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A watch over plain HTTP (a stream of JSON events), which kubectl uses; fabric8's mock only
 * serves watches over WebSocket and answers these with 400. This one is short: the events since
 * the requested resourceVersion (every matching object changed after it, as MODIFIED, or all as
 * ADDED from version 0), then the stream ends, as a real watch does when its timeout elapses, and
 * the client watches again from the last version it saw. With nothing to report the answer is
 * held back a second so that the client does not spin. Deletions are not reported (the store keeps
 * no history): kubectl's delete and wait --for=delete check with a GET or a list instead.
 * {@code kubectl get -w} (which, unlike wait, stops when its watch ends) therefore stops after the
 * first quiet second.
 */
final class HttpWatch {

    static final Duration QUIET_WATCH = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StoredObjects store;

    HttpWatch(StoredObjects store) {
        this.store = store;
    }

    /** The body of the watch (newline-separated events); empty when nothing changed. */
    String events(String collectionPath, Map<String, String> query) {
        return events(collectionPath, query, UnaryOperator.identity());
    }

    /**
     * The body of the watch, each event's object shown through {@code view} (kubectl get -w asks for
     * each as a one-row Table).
     */
    String events(String collectionPath, Map<String, String> query, UnaryOperator<JsonNode> view) {
        StringBuilder listPath = new StringBuilder(collectionPath);
        String separator = "?";
        for (String key : List.of("labelSelector", "fieldSelector")) {
            if (query.containsKey(key)) {
                listPath.append(separator).append(key).append('=').append(URLEncoder.encode(query.get(key), StandardCharsets.UTF_8));
                separator = "&";
            }
        }
        JsonNode list = store.get(listPath.toString()).orElse(null);
        if (list == null) {
            return "";
        }
        long since = version(query.get("resourceVersion"));
        String name = selectedName(query.get("fieldSelector"));
        List<String> lines = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            if (name != null && !name.equals(item.path("metadata").path("name").asText())) {
                continue;
            }
            if (version(item.path("metadata").path("resourceVersion").asText()) <= since && since > 0) {
                continue;
            }
            ObjectNode event = JSON.createObjectNode().put("type", since > 0 ? "MODIFIED" : "ADDED");
            event.set("object", view.apply(item));
            lines.add(event.toString());
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** {@code metadata.name=<n>} of a field selector (the only field kubectl's wait and delete select on). */
    static String selectedName(String fieldSelector) {
        if (fieldSelector == null) {
            return null;
        }
        for (String term : fieldSelector.split(",")) {
            String t = term.trim();
            if (t.startsWith("metadata.name=") || t.startsWith("metadata.name==")) {
                return t.substring(t.lastIndexOf('=') + 1);
            }
        }
        return null;
    }

    private static long version(String resourceVersion) {
        try {
            return resourceVersion == null || resourceVersion.isEmpty() ? 0 : Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
