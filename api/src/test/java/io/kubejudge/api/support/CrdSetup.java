package io.kubejudge.api.support;

import io.kubejudge.testsupport.Crds;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.function.Consumer;

/**
 * Installs our CRDs (crds/generated, the committed YAML) in the mock API server, so that it
 * treats status as a subresource as a real API server does.
 */
public class CrdSetup implements Consumer<KubernetesServer> {

    @Override
    public void accept(KubernetesServer server) {
        Crds.install(server.getClient());
    }
}
