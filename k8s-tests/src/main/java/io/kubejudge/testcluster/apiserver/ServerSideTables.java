package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code meta.k8s.io/v1} Table that {@code kubectl get} asks for ({@code Accept: application/json;as=Table;
 * v=v1;g=meta.k8s.io,...}). Custom resources get a Name column and their CRD's additionalPrinterColumns,
 * as kube-apiserver's CRD table convertor builds them (date columns printed as an age like "5m");
 * a CRD without columns and every built-in kind get Name and Age (kube-apiserver's default table
 * convertor; the real built-ins have richer, kind-specific columns). Rows carry the object's
 * metadata as a PartialObjectMetadata, kube-apiserver's default ({@code includeObject=Metadata}).
 */
public final class ServerSideTables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public ServerSideTables(Clock clock) {
        this.clock = clock;
    }

    /** True when the client asked for a Table (it also accepts plain JSON after it, which we never need). */
    public static boolean wantsTable(String accept) {
        return accept != null && accept.contains("as=Table") && accept.contains("g=meta.k8s.io");
    }

    /** The Table of a list (its items) or of one object. */
    public ObjectNode table(ResourceType type, JsonNode listOrObject) {
        ObjectNode table = JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        JsonNode listMeta = listOrObject.path("metadata");
        if (listOrObject.has("items")) {
            copy(listMeta, metadata, "resourceVersion");
            copy(listMeta, metadata, "continue");
        } else {
            copy(listMeta, metadata, "resourceVersion");
        }
        List<JsonNode> columns = columns(type);
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
                .put("description", "Name must be unique within a namespace.").put("priority", 0);
        for (JsonNode c : columns) {
            definitions.addObject().put("name", c.path("name").asText()).put("type", c.path("type").asText("string"))
                    .put("format", c.path("format").asText("")).put("description", c.path("description").asText(""))
                    .put("priority", c.path("priority").asInt(0));
        }
        ArrayNode rows = table.putArray("rows");
        Iterable<JsonNode> objects = listOrObject.has("items") ? listOrObject.path("items") : List.of(listOrObject);
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(object.path("metadata").path("name").asText());
            for (JsonNode c : columns) {
                cells.add(cell(object, c));
            }
            ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata")
                    .put("apiVersion", "meta.k8s.io/v1");
            partial.set("metadata", object.path("metadata").deepCopy());
        }
        return table;
    }

    private static List<JsonNode> columns(ResourceType type) {
        if (!type.printerColumns().isEmpty()) {
            return type.printerColumns();
        }
        List<JsonNode> age = new ArrayList<>();
        age.add(JSON.createObjectNode().put("name", "Age").put("type", "date").put("jsonPath", ".metadata.creationTimestamp")
                .put("description", "CreationTimestamp is a timestamp representing the server time when this object was created."));
        return age;
    }

    private JsonNode cell(JsonNode object, JsonNode column) {
        JsonNode value = SimpleJsonPath.read(object, column.path("jsonPath").asText());
        if (value.isMissingNode() || value.isNull()) {
            return JSON.nullNode();
        }
        return switch (column.path("type").asText("string")) {
            case "date" -> JSON.getNodeFactory().textNode(age(value.asText()));
            case "integer" -> value.canConvertToLong() ? JSON.getNodeFactory().numberNode(value.asLong()) : value;
            case "number", "boolean" -> value;
            default -> value.isValueNode() ? JSON.getNodeFactory().textNode(value.asText()) : JSON.getNodeFactory().textNode(value.toString());
        };
    }

    /** kube-apiserver prints dates as a short age (duration.HumanDuration): 45s, 5m, 3h, 2d, 1y. */
    String age(String timestamp) {
        Instant then;
        try {
            then = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
        return humanDuration(Duration.between(then, clock.instant()));
    }

    /** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        if (from.hasNonNull(field)) {
            to.put(field, from.path(field).asText());
        }
    }
}
