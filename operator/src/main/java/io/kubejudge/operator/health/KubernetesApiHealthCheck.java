package io.kubejudge.operator.health;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.v1alpha1.JudgeSubmission;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness part: the Kubernetes API answers a (one-item) list of submissions. */
@Readiness
@ApplicationScoped
public class KubernetesApiHealthCheck implements HealthCheck {
    private final KubernetesClient client;

    public KubernetesApiHealthCheck(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("kubernetes-api");
        try {
            client.resources(JudgeSubmission.class).inAnyNamespace()
                    .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build());
            return builder.up().build();
        } catch (RuntimeException e) {
            return builder.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
