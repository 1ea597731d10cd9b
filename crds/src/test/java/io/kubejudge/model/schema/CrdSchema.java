package io.kubejudge.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of the API server's validation that matters for our CRDs, for tests: structural
 * schema checks (type, enum, bounds, lengths, patterns, required, items) applied after defaulting,
 * then every CEL rule ({@code x-kubernetes-validations}) evaluated where it is declared.
 */
public final class CrdSchema {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    public static final Path GENERATED = Path.of(System.getProperty("kubejudge.crdDir", "generated"));

    private final JsonNode schema;

    private CrdSchema(JsonNode schema) {
        this.schema = schema;
    }

    /** Loads {@code <plural>.kubejudge.io-v1.yml} from the committed CRDs. */
    public static CrdSchema load(String plural) {
        try {
            JsonNode crd = YAML.readTree(Files.readString(GENERATED.resolve(plural + ".kubejudge.io-v1.yml")));
            return new CrdSchema(crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema node at a dotted property path, e.g. {@code spec.checker}. */
    public JsonNode at(String path) {
        JsonNode node = schema;
        if (!path.isEmpty()) {
            for (String part : path.split("\\.")) {
                node = part.equals("[]") ? node.path("items") : node.path("properties").path(part);
            }
        }
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("no schema at " + path);
        }
        return node;
    }

    /** Every CEL rule with the property path it is declared on ({@code []} for list items). */
    public List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        collectRules(schema, "", rules);
        return rules;
    }

    public record Rule(String path, String expression, String message) {
    }

    private static void collectRules(JsonNode node, String path, List<Rule> out) {
        for (JsonNode rule : node.path("x-kubernetes-validations")) {
            out.add(new Rule(path, rule.path("rule").asText(), rule.path("message").asText()));
        }
        node.path("properties").fields().forEachRemaining(e ->
                collectRules(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        if (node.has("items")) {
            collectRules(node.get("items"), path + ".[]", out);
        }
    }

    /** Validates a whole object (create); the errors, empty when the API server would accept it. */
    public List<String> validate(JsonNode object) {
        return validate(object, null);
    }

    /** Validates an update: transition rules see {@code oldSelf}. */
    public List<String> validate(JsonNode object, JsonNode old) {
        JsonNode copy = object.deepCopy();
        applyDefaults(schema, copy);
        JsonNode oldCopy = null;
        if (old != null) {
            oldCopy = old.deepCopy();
            applyDefaults(schema, oldCopy);
        }
        List<String> errors = new ArrayList<>();
        check(schema, copy, oldCopy, "", errors);
        return errors;
    }

    static void applyDefaults(JsonNode schema, JsonNode value) {
        if (value instanceof ObjectNode obj) {
            schema.path("properties").fields().forEachRemaining(e -> {
                if (!obj.has(e.getKey()) && e.getValue().has("default")) {
                    obj.set(e.getKey(), e.getValue().get("default").deepCopy());
                }
                if (obj.has(e.getKey())) {
                    applyDefaults(e.getValue(), obj.get(e.getKey()));
                }
            });
        } else if (value.isArray() && schema.has("items")) {
            value.forEach(item -> applyDefaults(schema.get("items"), item));
        }
    }

    private void check(JsonNode s, JsonNode v, JsonNode old, String path, List<String> errors) {
        String where = path.isEmpty() ? "<root>" : path;
        String type = s.path("type").asText("");
        boolean intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
        if (!intOrString && !type.isEmpty() && !hasType(v, type)) {
            errors.add(where + ": expected " + type);
            return;
        }
        if (s.has("enum")) {
            boolean found = false;
            for (JsonNode e : s.get("enum")) {
                found |= e.equals(v);
            }
            if (!found) {
                errors.add(where + ": not one of " + s.get("enum"));
            }
        }
        if (v.isNumber()) {
            if (s.has("minimum") && v.asDouble() < s.get("minimum").asDouble()) {
                errors.add(where + ": below minimum " + s.get("minimum"));
            }
            if (s.has("maximum") && v.asDouble() > s.get("maximum").asDouble()) {
                errors.add(where + ": above maximum " + s.get("maximum"));
            }
        }
        if (v.isTextual()) {
            int length = v.asText().codePointCount(0, v.asText().length());
            if (s.has("maxLength") && length > s.get("maxLength").asInt()) {
                errors.add(where + ": longer than " + s.get("maxLength"));
            }
            if (s.has("minLength") && length < s.get("minLength").asInt()) {
                errors.add(where + ": shorter than " + s.get("minLength"));
            }
            if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(v.asText()).find()) {
                errors.add(where + ": does not match " + s.get("pattern").asText());
            }
        }
        if (v.isArray()) {
            if (s.has("maxItems") && v.size() > s.get("maxItems").asInt()) {
                errors.add(where + ": more than " + s.get("maxItems") + " items");
            }
            if (s.has("minItems") && v.size() < s.get("minItems").asInt()) {
                errors.add(where + ": fewer than " + s.get("minItems") + " items");
            }
            for (int i = 0; i < v.size(); i++) {
                check(s.path("items"), v.get(i), null, path + "[" + i + "]", errors);
            }
        }
        if (v.isObject()) {
            for (JsonNode required : s.path("required")) {
                if (!v.has(required.asText())) {
                    errors.add(where + ": missing required field " + required.asText());
                }
            }
            JsonNode props = s.path("properties");
            Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                if (props.has(f.getKey())) {
                    check(props.get(f.getKey()), f.getValue(), old == null ? null : old.get(f.getKey()), child, errors);
                } else if (s.has("additionalProperties") && s.get("additionalProperties").isObject()) {
                    check(s.get("additionalProperties"), f.getValue(), null, child, errors);
                } else if (!path.isEmpty() && !s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                        && !(path.equals("metadata"))) {
                    errors.add(child + ": unknown field");
                }
            }
        }
        for (JsonNode rule : s.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            if (expression.contains("oldSelf") && old == null) {
                continue; // transition rules only run on updates
            }
            try {
                if (!Cel.evaluate(expression, v, old)) {
                    errors.add(where + ": " + rule.path("message").asText());
                }
            } catch (IllegalStateException e) {
                // The API server reports a rule that cannot be evaluated (e.g. a missing field) as invalid.
                errors.add(where + ": " + e.getMessage());
            }
        }
    }

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            default -> true;
        };
    }
}
