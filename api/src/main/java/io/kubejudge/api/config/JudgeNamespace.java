package io.kubejudge.api.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Singleton;

/** The one namespace whose judge resources this API process serves. */
@Singleton
public class JudgeNamespace {

    private final String name;

    JudgeNamespace(ApiConfig config, KubernetesClient client) {
        this.name = config.namespace()
                .filter(n -> !n.isBlank())
                .orElseGet(() -> client.getNamespace() != null ? client.getNamespace() : "default");
    }

    public String name() {
        return name;
    }
}
