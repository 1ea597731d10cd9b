package io.kubejudge.testcluster.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request as the API server's authorizer sees it: who asked, the RBAC verb, and what it was
 * about. Resource requests fill apiGroup ("" for the core group), resource, subresource (null when
 * none), namespace (null for cluster-scoped objects and cross-namespace lists) and name (null for
 * collections); other requests (discovery, OpenAPI) have a null resource and their path in
 * {@code nonResourcePath}, as RBAC's nonResourceURLs.
 */
public record ApiRequest(String user, String verb, String apiGroup, String resource, String subresource,
        String namespace, String name, String nonResourcePath) {

    /** Subresources of a namespace object: /api/v1/namespaces/{name}/{status|finalize}. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    public boolean isResourceRequest() {
        return resource != null;
    }

    /** The resource with its subresource, as RBAC rules name it ({@code pods}, {@code judgenodepools/scale}). */
    public String resourceAndSubresource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /**
     * The request's attributes as kube-apiserver's RequestInfoFactory derives them from method and
     * path: GET of a collection is list (watch with {@code watch=true}), DELETE of a collection is
     * deletecollection.
     */
    public static ApiRequest of(String user, String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> query = ApiPaths.query(q < 0 ? null : pathAndQuery.substring(q + 1));
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
        String group;
        int at;
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            group = "";
            at = 2;
        } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            at = 3;
        } else {
            return new ApiRequest(user, nonResourceVerb(method), null, null, null, null, null, path);
        }
        boolean watch = "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
        if (at < segments.size() && segments.get(at).equals("watch")) {
            watch = true; // the deprecated /watch/ path prefix
            at++;
        }
        List<String> rest = segments.subList(at, segments.size());
        if (rest.isEmpty()) {
            return new ApiRequest(user, nonResourceVerb(method), null, null, null, null, null, path);
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() >= 3
                && !(rest.size() == 3 && NAMESPACE_SUBRESOURCES.contains(rest.get(2)))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        } else if (rest.get(0).equals("namespaces") && rest.size() >= 2) {
            namespace = rest.get(1); // a namespace object lives "in" itself, as kube-apiserver records it
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String subresource = rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : null;
        String verb = switch (method) {
            case "GET", "HEAD" -> watch ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> method.toLowerCase();
        };
        return new ApiRequest(user, verb, group, resource, subresource, namespace, name, null);
    }

    private static String nonResourceVerb(String method) {
        return switch (method) {
            case "GET", "HEAD" -> "get";
            case "POST" -> "post";
            case "PUT" -> "put";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> method.toLowerCase();
        };
    }
}
