package io.kubejudge.testcluster.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import io.kubejudge.testcluster.RepositoryLayout;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization YAML =
            new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Discovery discovery = new Discovery(new ReadOnlyStore(crdList()));

    /** What the store answers for the CRDs: a list holding the pool's CRD. */
    private static JsonNode crdList() {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode list = JSON.createObjectNode();
            list.putArray("items").add(JSON.readTree(YAML.asJson(YAML.unmarshal(Files.readString(
                    RepositoryLayout.generatedCrds().resolve("judgenodepools.kubejudge.io-v1.yml")),
                    io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class))));
            return list;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void groupsIncludeTheBuiltInsAndTheCrdGroup() {
        JsonNode groups = discovery.document("/apis", "h:1").orElseThrow();
        assertThat(groups.path("groups").findValuesAsText("name"))
                .contains("apps", "batch", "policy", "networking.k8s.io", "rbac.authorization.k8s.io", "autoscaling",
                        "coordination.k8s.io", "events.k8s.io", "apiextensions.k8s.io", "kubejudge.io");
        assertThat(discovery.document("/api", "h:1").orElseThrow().path("versions").toString()).isEqualTo("[\"v1\"]");
        assertThat(discovery.document("/apis/nothing.io/v1", "h:1")).isEmpty();
    }

    @Test
    void aCrdsResourceListCarriesNamesCategoriesAndSubresources() {
        JsonNode list = discovery.document("/apis/kubejudge.io/v1alpha1", "h:1").orElseThrow();
        assertThat(list.path("groupVersion").asText()).isEqualTo("kubejudge.io/v1alpha1");
        JsonNode pools = list.path("resources").get(0);
        assertThat(pools.path("name").asText()).isEqualTo("judgenodepools");
        assertThat(pools.path("shortNames").toString()).isEqualTo("[\"jnp\",\"pool\"]");
        assertThat(pools.path("categories").toString()).isEqualTo("[\"kubejudge\"]");
        assertThat(list.path("resources").findValuesAsText("name")).contains("judgenodepools/status", "judgenodepools/scale");
        JsonNode scale = list.path("resources").get(2);
        assertThat(scale.path("group").asText() + "/" + scale.path("version").asText() + " " + scale.path("kind").asText())
                .isEqualTo("autoscaling/v1 Scale");
        assertThat(discovery.resource("kubejudge.io", "v1alpha1", "judgenodepools").orElseThrow().scale().specReplicasPath())
                .isEqualTo(".spec.replicas");
    }

    @Test
    void theCoreListHasTheKindsKubectlMaps() {
        JsonNode core = discovery.document("/api/v1", "h:1").orElseThrow();
        assertThat(core.path("resources").findValuesAsText("name"))
                .contains("pods", "pods/log", "services", "configmaps", "secrets", "serviceaccounts", "namespaces", "events");
    }
}
