package io.kubejudge.operator.health;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness part: the Kubernetes API answers a (one-item) list of submissions, asked where the
 * operator may list them: in all namespaces when it watches all, else in the first watched one
 * (with namespaced RBAC a cluster-wide list is forbidden, which would keep the operator unready).
 */
@Readiness
@ApplicationScoped
public class KubernetesApiHealthCheck implements HealthCheck {
    private final KubernetesClient client;
    private final OperatorSettings settings;

    public KubernetesApiHealthCheck(KubernetesClient client, OperatorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("kubernetes-api");
        try {
            var submissions = client.resources(JudgeSubmission.class);
            var where = settings.namespaces().isEmpty() ? submissions.inAnyNamespace()
                    : submissions.inNamespace(settings.namespaces().stream().sorted().findFirst().orElseThrow());
            where.list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build());
            return builder.up().build();
        } catch (RuntimeException e) {
            return builder.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
