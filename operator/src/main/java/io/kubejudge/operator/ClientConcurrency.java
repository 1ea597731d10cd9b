package io.kubejudge.operator;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;

/**
 * fabric8's default of 5 requests in flight per host makes the reconcile threads queue for
 * connections; the deployed operator's client allows {@link KubeJudgeOperator#MAX_CONCURRENT_REQUESTS}.
 */
@Singleton
public class ClientConcurrency implements KubernetesConfigCustomizer {
    @Override
    public void customize(Config config) {
        config.setMaxConcurrentRequests(Math.max(config.getMaxConcurrentRequests(), KubeJudgeOperator.MAX_CONCURRENT_REQUESTS));
        config.setMaxConcurrentRequestsPerHost(Math.max(config.getMaxConcurrentRequestsPerHost(), KubeJudgeOperator.MAX_CONCURRENT_REQUESTS));
    }
}
