package io.kubejudge.testcluster.apiserver;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * fabric8's mock API server in CRUD mode on a loopback port, serving container logs from the
 * stand-in kubelet, with the committed KubeJudge CRDs installed (which also turns on the status
 * subresource of the custom resources, as a real API server would), answering the real kubectl too
 * (discovery, OpenAPI, tables, scale: see {@link LogServingDispatcher}).
 */
public final class MockApiServer implements AutoCloseable {

    // The mock logs every request at INFO: thousands of lines per scenario drown the failures.
    // (A strong reference: java.util.logging forgets the level of a logger nobody holds.)
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private final KubernetesMockServer server;
    /**
     * The same store and dispatcher over TLS, for kubectl: client-go sends a kubeconfig's credentials
     * only to an https server (clientcmd reads the user's auth only when the transport is TLS), and
     * requests are attributed to callers by their tokens.
     */
    private final KubernetesMockServer tlsServer;
    private final ContainerLogs logs = new ContainerLogs();
    private final LogServingDispatcher dispatcher = new LogServingDispatcher(logs);

    private MockApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        tlsServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, true);
    }

    /** Requests served so far, by method and resource: what a scenario costs the API server. */
    public Map<String, Long> requestCounts() {
        return dispatcher.requestCounts();
    }

    /** Every request so far, by caller. */
    /** Service accounts' requests must be allowed by these RBAC rules from now on (see {@link Authorizer}). */
    public void enforceRbac(io.kubejudge.testcluster.rbac.RbacRules rules) {
        dispatcher.enforceRbac(rules);
    }

    public RequestLog requestLog() {
        return dispatcher.requestLog();
    }

    public static MockApiServer start() {
        return start(InetAddress.getLoopbackAddress());
    }

    /** Listening on the given address: loopback, or an address containers reach (a Docker network's gateway). */
    public static MockApiServer start(InetAddress address) {
        MockApiServer apiServer = new MockApiServer();
        apiServer.server.init(address, 0);
        // kubectl runs on this machine: its https port (kubectl sends tokens only over TLS) stays on loopback.
        apiServer.tlsServer.init(InetAddress.getLoopbackAddress(), 0);
        return apiServer;
    }

    /** A new client of this server; the caller closes it. */
    public KubernetesClient newClient() {
        return server.createClient();
    }

    /** A new client that authenticates with the token (a service account's: see RequestLog); the caller closes it. */
    public KubernetesClient newClient(String token) {
        KubernetesClient template = server.createClient();
        try {
            return new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                    .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(template.getConfiguration())
                            .withOauthToken(token)
                            .withMaxConcurrentRequests(256).withMaxConcurrentRequestsPerHost(256).build())
                    .build();
        } finally {
            template.close();
        }
    }

    public ContainerLogs containerLogs() {
        return logs;
    }

    public String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    /** The same API server over TLS (a self-signed certificate: clients skip verification). */
    public String tlsUrl() {
        return "https://" + tlsServer.getHostName() + ":" + tlsServer.getPort();
    }

    /** Creates every CRD found as {@code *.yml}/{@code *.yaml} in the directory. */
    public List<String> installCrds(KubernetesClient client, Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted()
                    .map(f -> installCrd(client, f))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing CRDs in " + directory, e);
        }
    }

    private static String installCrd(KubernetesClient client, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            return crd.getMetadata().getName();
        } catch (IOException e) {
            throw new UncheckedIOException("reading CRD " + file, e);
        }
    }

    public void createNamespace(KubernetesClient client, String namespace) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
    }

    @Override
    public void close() {
        tlsServer.destroy();
        server.destroy();
    }
}
