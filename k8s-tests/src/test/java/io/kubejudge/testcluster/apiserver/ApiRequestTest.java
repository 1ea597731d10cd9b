package io.kubejudge.testcluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiRequestTest {

    private static ApiRequest of(String method, String path) {
        return ApiRequest.of("u", method, path);
    }

    @Test
    void namespacedObjectsCollectionsAndSubresourcesGetTheirRbacVerbs() {
        assertThat(of("GET", "/api/v1/namespaces/ns/pods/p"))
                .isEqualTo(new ApiRequest("u", "get", "", "pods", null, "ns", "p", null));
        assertThat(of("GET", "/api/v1/namespaces/ns/pods?labelSelector=a%3Db"))
                .isEqualTo(new ApiRequest("u", "list", "", "pods", null, "ns", null, null));
        assertThat(of("GET", "/apis/kubejudge.io/v1alpha1/namespaces/ns/judgesubmissions?fieldSelector=metadata.name%3Dx&watch=true"))
                .isEqualTo(new ApiRequest("u", "watch", "kubejudge.io", "judgesubmissions", null, "ns", null, null));
        assertThat(of("PATCH", "/apis/kubejudge.io/v1alpha1/namespaces/ns/judgenodepools/default/scale"))
                .isEqualTo(new ApiRequest("u", "patch", "kubejudge.io", "judgenodepools", "scale", "ns", "default", null));
        assertThat(of("PUT", "/apis/batch/v1/namespaces/ns/jobs/j/status").verb()).isEqualTo("update");
        assertThat(of("POST", "/api/v1/namespaces/ns/configmaps").verb()).isEqualTo("create");
        assertThat(of("DELETE", "/api/v1/namespaces/ns/pods/p").verb()).isEqualTo("delete");
        assertThat(of("DELETE", "/api/v1/namespaces/ns/pods").verb()).isEqualTo("deletecollection");
        assertThat(of("GET", "/api/v1/namespaces/ns/pods/p/log?container=c").resourceAndSubresource()).isEqualTo("pods/log");
    }

    @Test
    void clusterScopedObjectsAndNamespacesThemselves() {
        assertThat(of("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/r"))
                .isEqualTo(new ApiRequest("u", "get", "rbac.authorization.k8s.io", "clusterroles", null, null, "r", null));
        assertThat(of("GET", "/api/v1/namespaces"))
                .isEqualTo(new ApiRequest("u", "list", "", "namespaces", null, null, null, null));
        assertThat(of("GET", "/api/v1/namespaces/ns"))
                .isEqualTo(new ApiRequest("u", "get", "", "namespaces", null, "ns", "ns", null));
        assertThat(of("PUT", "/api/v1/namespaces/ns/finalize"))
                .isEqualTo(new ApiRequest("u", "update", "", "namespaces", "finalize", "ns", "ns", null));
        assertThat(of("GET", "/api/v1/watch/namespaces/ns/pods").verb()).isEqualTo("watch");
    }

    @Test
    void discoveryAndOpenApiAreNonResourceRequests() {
        assertThat(of("GET", "/apis/apps/v1?timeout=32s"))
                .isEqualTo(new ApiRequest("u", "get", null, null, null, null, null, "/apis/apps/v1"));
        assertThat(of("GET", "/openapi/v3").isResourceRequest()).isFalse();
        assertThat(of("GET", "/api").nonResourcePath()).isEqualTo("/api");
    }
}
