package io.kubejudge.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Values files merged as Helm merges {@code -f} files over a chart's values.yaml: maps merge key by
 * key, anything else (lists included) is replaced, and a null removes the key.
 */
final class ValuesMerge {
    private static final YAMLMapper YAML = new YAMLMapper();

    private ValuesMerge() {
    }

    static String merged(Path chartValues, List<Path> files) {
        try {
            JsonNode base = YAML.readTree(chartValues.toFile());
            ObjectNode result = base instanceof ObjectNode o ? o : YAML.createObjectNode();
            for (Path file : files) {
                JsonNode override = YAML.readTree(file.toFile());
                if (override instanceof ObjectNode o) {
                    merge(result, o);
                } else if (override != null && !override.isMissingNode() && !override.isNull()) {
                    throw new ChartException(file + ": a values file must hold a map, not " + override.getNodeType());
                }
            }
            return YAML.writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException("reading values files " + files, e);
        }
    }

    static void merge(ObjectNode into, ObjectNode over) {
        for (String key : fieldNames(over)) {
            JsonNode value = over.get(key);
            JsonNode existing = into.get(key);
            if (value.isNull()) {
                into.remove(key);
            } else if (value instanceof ObjectNode o && existing instanceof ObjectNode e) {
                merge(e, o);
            } else {
                into.set(key, value.deepCopy());
            }
        }
    }

    private static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
