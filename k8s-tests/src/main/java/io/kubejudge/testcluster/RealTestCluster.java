package io.kubejudge.testcluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubejudge.testcluster.fault.Faults;
import java.io.File;
import java.util.Optional;

/**
 * A real cluster (e.g. kind) with KubeJudge installed, named by a kubeconfig: the scenarios only
 * talk to its API and wait. Faults cannot be injected, so the scenarios that need them are skipped
 * on it (and only on it).
 */
public final class RealTestCluster implements TestCluster {

    private final File kubeconfig;
    private final String namespace;
    private final KubernetesClient client;

    public RealTestCluster(File kubeconfig, String namespace) {
        if (!kubeconfig.isFile()) {
            throw new IllegalArgumentException("KUBEJUDGE_E2E_KUBECONFIG: " + kubeconfig + " is not a file");
        }
        this.kubeconfig = kubeconfig;
        this.namespace = namespace;
        this.client = newClient();
        if (client.namespaces().withName(namespace).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .create();
        }
    }

    @Override
    public String description() {
        return "cluster of kubeconfig " + kubeconfig;
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public Optional<Faults> faults() {
        return Optional.empty();
    }

    @Override
    public void close() {
        client.close();
    }
}
