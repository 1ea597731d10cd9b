package io.kubejudge.api.bench;

import io.kubejudge.api.support.CrdSetup;
import io.kubejudge.api.support.Fixtures;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.net.InetAddress;
import java.util.List;

/**
 * The fabric8 mock API server (CRUD mode, our CRDs, the standard problems and pools) in a process
 * of its own, so that the benchmark can tell the API's CPU from the stand-in's. Prints
 * {@code PORT <n>} when ready; ends when its standard input closes.
 */
public final class StandaloneMockApiServer {

    private StandaloneMockApiServer() {
    }

    public static void main(String[] args) throws Exception {
        KubernetesServer server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        server.before();
        new CrdSetup().accept(server);
        Fixtures.ensureCatalog(server.getClient());
        System.out.println("PORT " + server.getKubernetesMockServer().getPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // wait for the parent to close our stdin
        }
        server.after();
        System.exit(0);
    }
}
