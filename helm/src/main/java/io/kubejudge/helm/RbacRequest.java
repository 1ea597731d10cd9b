package io.kubejudge.helm;

/**
 * One request to the API server as RBAC sees it: a verb on a resource (and subresource) of an API
 * group, in a namespace (null: cluster-scoped or across all namespaces), on a name (null: none).
 */
public record RbacRequest(String verb, String apiGroup, String resource, String subresource, String namespace, String name) {

    public static RbacRequest of(String verb, String apiGroup, String resource, String namespace) {
        return new RbacRequest(verb, apiGroup, resource, null, namespace, null);
    }

    /** resource or resource/subresource, as RBAC rules name it. */
    public String fullResource() {
        return subresource == null || subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
