package io.kubejudge.api.catalog;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** The JudgeNodePools: which languages each serves, its replicas and load. */
@Singleton
public class PoolCatalog extends InformedCatalog<JudgeNodePool> {

    PoolCatalog(KubernetesClient client, JudgeNamespace namespace) {
        super(client, JudgeNodePool.class, namespace.name());
    }

    void onStart(@Observes StartupEvent e) {
        start();
    }

    void onStop(@Observes ShutdownEvent e) {
        stop();
    }
}
