package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubejudge.testcluster.apiserver.ResourceType.ScalePaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API server's discovery documents, legacy (unaggregated) form: {@code /api}, {@code /api/v1},
 * {@code /apis}, {@code /apis/<group>}, {@code /apis/<group>/<version>}, plus {@code /version}.
 * Built-in kinds come from {@link BuiltInResources}; custom resources from the CRDs in the store,
 * read on every request so a CRD applied by a test shows at once.
 *
 * <p>kubectl v1.32 asks for aggregated discovery ({@code Accept: application/json;g=apidiscovery.k8s.io;v=v2;
 * as=APIGroupDiscoveryList,...,application/json}); answering {@code Content-Type: application/json}
 * makes it fall back to the legacy documents, as against a server without aggregated discovery.
 */
public final class Discovery {

    static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StoredObjects store;

    Discovery(StoredObjects store) {
        this.store = store;
    }

    /** Every served resource: the built-ins, then the custom resources of every served CRD version. */
    public List<ResourceType> resources() {
        List<ResourceType> all = new ArrayList<>(BuiltInResources.ALL);
        store.get(CRDS).ifPresent(list -> list.path("items").forEach(crd -> all.addAll(fromCrd(crd))));
        return all;
    }

    public Optional<ResourceType> resource(String group, String version, String plural) {
        return resources().stream()
                .filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
                .findFirst();
    }

    /** The discovery document at this path (no query), or empty if the path is not a discovery path. */
    public Optional<JsonNode> document(String path, String serverAddress) {
        List<String> s = List.of(path.replaceAll("^/+|/+$", "").split("/"));
        if (path.equals("/version")) {
            return Optional.of(version());
        }
        if (s.size() == 1 && s.get(0).equals("api")) {
            ObjectNode versions = JSON.createObjectNode().put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            versions.putArray("serverAddressByClientCIDRs").addObject()
                    .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
            return Optional.of(versions);
        }
        if (s.size() == 2 && s.get(0).equals("api") && s.get(1).equals("v1")) {
            return Optional.of(resourceList("", "v1"));
        }
        if (s.get(0).equals("apis")) {
            Map<String, List<String>> groups = groupVersions();
            if (s.size() == 1) {
                ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
                ArrayNode items = list.putArray("groups");
                groups.forEach((group, versions) -> {
                    if (!group.isEmpty()) {
                        items.add(group(group, versions));
                    }
                });
                return Optional.of(list);
            }
            List<String> versions = groups.get(s.get(1));
            if (versions == null || s.get(1).isEmpty()) {
                return Optional.empty();
            }
            if (s.size() == 2) {
                return Optional.of(group(s.get(1), versions).put("kind", "APIGroup").put("apiVersion", "v1"));
            }
            if (s.size() == 3 && versions.contains(s.get(2))) {
                return Optional.of(resourceList(s.get(1), s.get(2)));
            }
        }
        return Optional.empty();
    }

    /** True for the paths {@link #document} answers or that name a group or version nobody serves. */
    public static boolean isDiscoveryPath(String path) {
        return path.equals("/version") || path.matches("^/api/?$|^/api/v1/?$|^/apis/?$|^/apis/[^/]+/?$|^/apis/[^/]+/[^/]+/?$");
    }

    private Map<String, List<String>> groupVersions() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        BuiltInResources.GROUP_VERSIONS.forEach((g, v) -> groups.put(g, new ArrayList<>(v)));
        for (ResourceType r : resources()) {
            List<String> versions = groups.computeIfAbsent(r.group(), g -> new ArrayList<>());
            if (!versions.contains(r.version())) {
                versions.add(r.version());
            }
        }
        return groups;
    }

    private static ObjectNode group(String group, List<String> versions) {
        ObjectNode node = JSON.createObjectNode().put("name", group);
        ArrayNode list = node.putArray("versions");
        for (String v : versions) {
            list.addObject().put("groupVersion", group + "/" + v).put("version", v);
        }
        node.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0)).put("version", versions.get(0));
        return node;
    }

    private ObjectNode resourceList(String group, String version) {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType r : resources()) {
            if (!r.group().equals(group) || !r.version().equals(version)) {
                continue;
            }
            ObjectNode main = resources.addObject().put("name", r.plural()).put("singularName", r.singular())
                    .put("namespaced", r.namespaced()).put("kind", r.kind());
            strings(main.putArray("verbs"), ResourceType.VERBS);
            if (!r.shortNames().isEmpty()) {
                strings(main.putArray("shortNames"), r.shortNames());
            }
            if (!r.categories().isEmpty()) {
                strings(main.putArray("categories"), r.categories());
            }
            for (String sub : r.subresources()) {
                ObjectNode entry = resources.addObject().put("name", r.plural() + "/" + sub).put("singularName", "")
                        .put("namespaced", r.namespaced());
                switch (sub) {
                    case "scale" -> entry.put("group", "autoscaling").put("version", "v1").put("kind", "Scale");
                    case "eviction" -> entry.put("group", "policy").put("version", "v1").put("kind", "Eviction");
                    case "token" -> entry.put("group", "authentication.k8s.io").put("version", "v1").put("kind", "TokenRequest");
                    default -> entry.put("kind", r.kind());
                }
                strings(entry.putArray("verbs"), switch (sub) {
                    case "log" -> List.of("get");
                    case "eviction", "token" -> List.of("create");
                    case "finalize" -> List.of("update");
                    default -> List.of("get", "patch", "update");
                });
            }
        }
        return list;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static ObjectNode version() {
        return JSON.createObjectNode().put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0-kubejudge-test")
                .put("gitCommit", "").put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z")
                .put("goVersion", "").put("compiler", "gc").put("platform", "linux/amd64");
    }

    /** The resources a CRD serves: one per served version, with that version's subresources and columns. */
    static List<ResourceType> fromCrd(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String plural = names.path("plural").asText();
        List<ResourceType> types = new ArrayList<>();
        for (JsonNode v : spec.path("versions")) {
            if (!v.path("served").asBoolean(true)) {
                continue;
            }
            List<String> subresources = new ArrayList<>();
            JsonNode sub = v.path("subresources");
            if (sub.has("status")) {
                subresources.add("status");
            }
            ScalePaths scale = null;
            if (sub.has("scale")) {
                subresources.add("scale");
                JsonNode s = sub.path("scale");
                scale = new ScalePaths(s.path("specReplicasPath").asText(), s.path("statusReplicasPath").asText(),
                        s.hasNonNull("labelSelectorPath") ? s.path("labelSelectorPath").asText() : null);
            }
            List<JsonNode> columns = new ArrayList<>();
            v.path("additionalPrinterColumns").forEach(columns::add);
            types.add(new ResourceType(spec.path("group").asText(), v.path("name").asText(), plural,
                    names.path("singular").asText(plural), names.path("kind").asText(),
                    !"Cluster".equals(spec.path("scope").asText()), texts(names.path("shortNames")),
                    texts(names.path("categories")), subresources, scale, columns));
        }
        return types;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
