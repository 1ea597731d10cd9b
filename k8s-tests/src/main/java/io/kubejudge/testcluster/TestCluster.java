package io.kubejudge.testcluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.testcluster.fault.Faults;
import java.util.Optional;

/**
 * Where the end-to-end scenarios run: the in-JVM test cluster ({@link InJvmTestCluster}) or a real
 * cluster named by a kubeconfig ({@link RealTestCluster}). Scenarios talk to it only through the
 * Kubernetes API, so they read the same against both.
 */
public interface TestCluster extends AutoCloseable {

    /** For messages: which cluster this is. */
    String description();

    /** The client the scenarios use. */
    KubernetesClient client();

    /** A further client, for a component under test (the operator); the caller closes it. */
    KubernetesClient newClient();

    /** The namespace the scenarios work in. */
    String namespace();

    /** Fault injection; present on the in-JVM test cluster, absent on a real one. */
    Optional<Faults> faults();

    @Override
    void close();
}
