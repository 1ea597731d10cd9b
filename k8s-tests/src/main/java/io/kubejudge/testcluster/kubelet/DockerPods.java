package io.kubejudge.testcluster.kubelet;

import java.net.URI;

/**
 * What the kubelet needs to run pods as Docker containers: the cluster's pod network, the engine's
 * images, and where pods reach the API server.
 *
 * <p>The test API server is fabric8's mock in the test JVM, speaking plain HTTP on the pod network's
 * gateway address. Every container gets {@code KUBERNETES_SERVICE_HOST}/{@code KUBERNETES_SERVICE_PORT}
 * pointing there, as in a cluster; but in-cluster clients assume HTTPS there. fabric8's client
 * (7.6.1, checked) takes {@code KUBERNETES_MASTER} over the in-cluster URL while still reading the
 * ServiceAccount token, so containers also get {@code KUBERNETES_MASTER=http://<gateway>:<port>}
 * (a deviation from a real cluster, where that variable is not set). Quarkus' kubernetes-client
 * extension (3.34) starts from {@code Config.autoConfigure(null)} too, so the operator and API images
 * follow it. Clients that ignore it (kubectl, client-go) would need a kubeconfig.
 */
public final class DockerPods {

    private final DockerNetwork network;
    private final String apiHost;
    private final int apiPort;
    private final DockerImages images = new DockerImages();

    public DockerPods(DockerNetwork network, String apiServerUrl) {
        URI uri = URI.create(apiServerUrl);
        this.network = network;
        this.apiHost = uri.getHost();
        this.apiPort = uri.getPort();
    }

    DockerNetwork network() {
        return network;
    }

    DockerImages images() {
        return images;
    }

    java.util.Map<String, String> apiServerEnvironment() {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("KUBERNETES_SERVICE_HOST", apiHost);
        env.put("KUBERNETES_SERVICE_PORT", Integer.toString(apiPort));
        env.put("KUBERNETES_SERVICE_PORT_HTTPS", Integer.toString(apiPort));
        env.put("KUBERNETES_PORT", "tcp://" + apiHost + ":" + apiPort);
        env.put("KUBERNETES_MASTER", "http://" + apiHost + ":" + apiPort);
        return env;
    }
}
