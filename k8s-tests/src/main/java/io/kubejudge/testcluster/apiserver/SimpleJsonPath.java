package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Kubernetes JSONPath that printer columns and scale subresources use here: field
 * steps ({@code .status.phase}), array indexes ({@code .status.errors[0]}) and one equality filter
 * ({@code .status.conditions[?(@.type=="Ready")].status}, first match). Anything else is refused
 * with the expression in the message rather than silently read as missing.
 */
final class SimpleJsonPath {

    private static final Pattern STEP = Pattern.compile(
            "\\.([A-Za-z0-9_-]+)|\\[(\\d+)]|\\[\\?\\(@\\.([A-Za-z0-9_-]+)\\s*==\\s*[\"']([^\"']*)[\"']\\)]");

    private SimpleJsonPath() {
    }

    /** The value at the path, a MissingNode when absent. */
    static JsonNode read(JsonNode root, String expression) {
        String path = expression.trim();
        if (path.startsWith("{") && path.endsWith("}")) {
            path = path.substring(1, path.length() - 1);
        }
        if (path.startsWith("$")) {
            path = path.substring(1);
        }
        Matcher m = STEP.matcher(path);
        JsonNode node = root;
        int at = 0;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("unsupported JSONPath " + expression
                        + " (the test API server reads .field, [index] and [?(@.field==\"value\")] steps)");
            }
            if (m.group(1) != null) {
                node = node.path(m.group(1));
            } else if (m.group(2) != null) {
                node = node.path(Integer.parseInt(m.group(2)));
            } else {
                JsonNode match = MissingNode.getInstance();
                for (JsonNode element : node) {
                    if (element.path(m.group(3)).asText().equals(m.group(4)) && element.has(m.group(3))) {
                        match = element;
                        break;
                    }
                }
                node = match;
            }
            at = m.end();
        }
        return node;
    }
}
