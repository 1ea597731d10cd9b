package io.kubejudge.testcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.testcluster.apiserver.MockApiServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-cluster side, pointed by a kubeconfig at an API server (here the mock one). */
class RealTestClusterTest {

    @TempDir
    Path dir;

    @Test
    void aKubeconfigGivesAClientTheScenarioNamespaceAndNoFaults() throws Exception {
        try (MockApiServer apiServer = MockApiServer.start()) {
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: test
                      cluster:
                        server: %s
                    users:
                    - name: test
                      user:
                        token: kubejudge-test-admin
                    contexts:
                    - name: test
                      context:
                        cluster: test
                        user: test
                    current-context: test
                    """.formatted(apiServer.url()));
            try (RealTestCluster cluster = new RealTestCluster(kubeconfig.toFile(), "kubejudge-e2e")) {
                assertThat(cluster.faults()).isEmpty();
                assertThat(cluster.description()).contains(kubeconfig.toString());
                assertThat(cluster.client().namespaces().withName("kubejudge-e2e").get()).isNotNull();
                try (KubernetesClient other = cluster.newClient()) {
                    assertThat(other.getMasterUrl().toString()).startsWith(apiServer.url());
                }
            }
            // A second run finds the namespace there already.
            try (RealTestCluster again = new RealTestCluster(kubeconfig.toFile(), "kubejudge-e2e")) {
                assertThat(again.namespace()).isEqualTo("kubejudge-e2e");
            }
        }
    }

    @Test
    void aMissingKubeconfigIsRefusedWithItsPath() {
        File missing = dir.resolve("absent").toFile();
        assertThatThrownBy(() -> new RealTestCluster(missing, "x"))
                .hasMessageContaining("KUBEJUDGE_E2E_KUBECONFIG").hasMessageContaining(missing.toString());
    }
}
