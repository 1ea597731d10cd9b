package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Just enough OpenAPI v3 for kubectl to leave validation to the server: for each group version, a
 * document whose PATCH operations carry the {@code x-kubernetes-group-version-kind} extension and
 * the {@code fieldValidation} query parameter. kubectl v1.32's {@code apply}/{@code create} look
 * exactly for that (cli-runtime's QueryParamVerifierV3) and, finding it, skip client-side schema
 * validation and send {@code ?fieldValidation=Strict} instead.
 *
 * <p>Approximation: the test API server does not validate fields (the fabric8 store keeps whatever
 * it is given), so unknown or mistyped fields are accepted where a real server would refuse them.
 * No schemas are served: kubectl then computes strategic-merge patches from its compiled-in types,
 * as it does when the OpenAPI schema lacks a kind. {@code /openapi/v2} is not served (404): kubectl
 * only falls back to it when v3 is missing.
 */
public final class OpenApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "/openapi/v3";

    private final Discovery discovery;

    OpenApi(Discovery discovery) {
        this.discovery = discovery;
    }

    public static boolean isOpenApiPath(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/") || path.startsWith("/openapi/v2");
    }

    /** The document at the path (no query); empty (404) for /openapi/v2 and unknown group versions. */
    public Optional<JsonNode> document(String path) {
        List<ResourceType> resources = discovery.resources();
        if (path.equals(ROOT) || path.equals(ROOT + "/")) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode paths = root.putObject("paths");
            Set<String> groupVersions = new LinkedHashSet<>();
            resources.forEach(r -> groupVersions.add(key(r)));
            for (String gv : groupVersions) {
                // The hash makes kubectl's HTTP cache refetch when the served kinds change.
                paths.putObject(gv).put("serverRelativeURL", ROOT + "/" + gv + "?hash=" + hash(resources, gv));
            }
            return Optional.of(root);
        }
        if (!path.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        String gv = path.substring(ROOT.length() + 1);
        List<ResourceType> served = resources.stream().filter(r -> key(r).equals(gv)).toList();
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode doc = JSON.createObjectNode().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes (KubeJudge test API server)").put("version", "v1.32.0");
        ObjectNode paths = doc.putObject("paths");
        for (ResourceType r : served) {
            String prefix = r.group().isEmpty() ? "/api/" + r.version() : "/apis/" + r.group() + "/" + r.version();
            String objectPath = prefix + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural() + "/{name}";
            ObjectNode patch = paths.putObject(objectPath).putObject("patch");
            patch.put("operationId", "patch" + r.kind());
            patch.put("x-kubernetes-action", "patch");
            patch.putObject("x-kubernetes-group-version-kind").put("group", r.group()).put("version", r.version())
                    .put("kind", r.kind());
            ObjectNode param = patch.putArray("parameters").addObject();
            param.put("name", "fieldValidation").put("in", "query").put("description",
                    "accepted and ignored: the test API server does not validate fields");
            param.putObject("schema").put("type", "string").put("uniqueItems", true);
            patch.putObject("responses").putObject("200").put("description", "OK");
        }
        doc.putObject("components").putObject("schemas");
        return Optional.of(doc);
    }

    private static String key(ResourceType r) {
        return r.group().isEmpty() ? "api/" + r.version() : "apis/" + r.group() + "/" + r.version();
    }

    private static String hash(List<ResourceType> resources, String gv) {
        StringBuilder b = new StringBuilder();
        resources.stream().filter(r -> key(r).equals(gv)).forEach(r -> b.append(r.kind()).append(','));
        return String.format("%08X", b.toString().hashCode());
    }
}
