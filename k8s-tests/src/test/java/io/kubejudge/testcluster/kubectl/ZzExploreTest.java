package io.kubejudge.testcluster.kubectl;

import io.kubejudge.testcluster.InJvmTestCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ZzExploreTest {
    @Test
    void serve() throws Exception {
        try (InJvmTestCluster cluster = InJvmTestCluster.start()) {
            cluster.writeKubeconfig(Path.of("/tmp/kx/kubeconfig"));
            java.nio.file.Files.writeString(Path.of("/tmp/kx/ready"), "ok");
            while (!java.nio.file.Files.exists(Path.of("/tmp/kx/stop"))) {
                Thread.sleep(200);
            }
            cluster.apiRequests().all().forEach(r -> System.out.println("REQ " + r));
        }
    }
}
