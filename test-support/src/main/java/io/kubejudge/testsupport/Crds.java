package io.kubejudge.testsupport;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Our CRDs as committed (crds/generated), installed in a mock API server so that it treats status
 * as a subresource as a real API server does.
 */
public final class Crds {

    private Crds() {
    }

    /**
     * The generated CRD files, found from the working directory or its nearest ancestor holding
     * crds/generated (a module's tests run in the module, bench scripts in the repository root).
     */
    public static List<Path> files() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path dir = d.resolve("crds").resolve("generated");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> list = files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
                    if (list.size() != 3) {
                        throw new IllegalStateException("expected the 3 generated CRDs in " + dir + ", found " + list.size());
                    }
                    return list;
                } catch (IOException e) {
                    throw new IllegalStateException("cannot list the CRDs in " + dir, e);
                }
            }
        }
        throw new IllegalStateException("no crds/generated in " + Path.of("").toAbsolutePath() + " or above it");
    }

    /** Creates every CRD through {@code client}. */
    public static void install(KubernetesClient client) {
        for (Path f : files()) {
            try (InputStream in = Files.newInputStream(f)) {
                client.apiextensions().v1().customResourceDefinitions()
                        .resource(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + f, e);
            }
        }
    }
}
