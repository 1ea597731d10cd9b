package io.kubejudge.api.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubejudge.api.support.Fixtures;
import io.kubejudge.testsupport.StandaloneMockApiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * Starts the {@link StandaloneMockApiServer} (our CRDs, then the standard problems and pools) and
 * points the API's Kubernetes client at it.
 */
public class StandaloneMockApiServerResource implements QuarkusTestResourceLifecycleManager {

    static volatile String url;
    static volatile long pid;
    private StandaloneMockApiServer.Running server;

    @Override
    public Map<String, String> start() {
        server = StandaloneMockApiServer.start(List.of("-Xmx1g"));
        url = server.url();
        pid = server.pid();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(url).withNamespace("test").build()).build()) {
            Fixtures.ensureCatalog(client);
        }
        // fabric8 reads these system properties itself; the quarkus.kubernetes-client.* keys are
        // fixed at build time and cannot point the client elsewhere.
        Map<String, String> props = Map.of("kubernetes.master", url,
                "kubernetes.namespace", "test",
                "kubernetes.trust.certificates", "true",
                "kubernetes.auth.tryKubeConfig", "false",
                "kubernetes.auth.tryServiceAccount", "false",
                // A token, as in a cluster: without one fabric8 re-reads its whole configuration
                // on every request once its token is a minute old (TokenRefreshInterceptor).
                "kubernetes.auth.token", "benchmark",
                "http2.disable", "true");
        props.forEach(System::setProperty);
        return props;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
