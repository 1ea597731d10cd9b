package io.kubejudge.api.catalog;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** The JudgeProblems: the authority on which languages a problem accepts. */
@Singleton
public class ProblemCatalog extends InformedCatalog<JudgeProblem> {

    ProblemCatalog(KubernetesClient client, JudgeNamespace namespace) {
        super(client, JudgeProblem.class, namespace.name());
    }

    void onStart(@Observes StartupEvent e) {
        start();
    }

    void onStop(@Observes ShutdownEvent e) {
        stop();
    }
}
