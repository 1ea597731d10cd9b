package io.kubejudge.api.health;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The API server is reachable and serves the KubeJudge resources (the CRDs are installed). */
@Readiness
@ApplicationScoped
public class KubernetesHealthCheck implements HealthCheck {

    private final KubernetesClient client;
    private final String namespace;

    KubernetesHealthCheck(KubernetesClient client, JudgeNamespace namespace) {
        this.client = client;
        this.namespace = namespace.name();
    }

    @Override
    public HealthCheckResponse call() {
        try {
            client.resources(JudgeNodePool.class).inNamespace(namespace)
                    .list(new ListOptionsBuilder().withLimit(1L).build());
            return HealthCheckResponse.named("kubernetes").up().withData("namespace", namespace).build();
        } catch (KubernetesClientException e) {
            return HealthCheckResponse.named("kubernetes").down()
                    .withData("namespace", namespace)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
