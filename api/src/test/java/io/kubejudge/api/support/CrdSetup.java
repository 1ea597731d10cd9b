package io.kubejudge.api.support;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Installs our CRDs (crds/generated, the committed YAML) in the mock API server, so that it
 * treats status as a subresource as a real API server does.
 */
public class CrdSetup implements Consumer<KubernetesServer> {

    static final Path GENERATED = Path.of("..", "crds", "generated");

    @Override
    public void accept(KubernetesServer server) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(GENERATED, "*.yml")) {
            int n = 0;
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    CustomResourceDefinition crd = server.getClient().apiextensions().v1().customResourceDefinitions()
                            .load(in).item();
                    server.getClient().apiextensions().v1().customResourceDefinitions().resource(crd).create();
                    n++;
                }
            }
            if (n != 3) {
                throw new IllegalStateException("expected 3 CRDs in " + GENERATED.toAbsolutePath() + ", found " + n);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CRDs in " + GENERATED.toAbsolutePath(), e);
        }
    }
}
