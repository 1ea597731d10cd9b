package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One probe attempt as the kubelet makes it: {@code httpGet} from the node to the pod's IP (2xx and
 * 3xx succeed; redirects are not followed), {@code tcpSocket} a connect, {@code exec} the command in
 * the container ({@code docker exec}, exit 0 succeeds), each within {@code timeoutSeconds}.
 * {@code grpc} probes are not emulated (they fail, saying so in the log).
 */
final class ContainerProbes {

    private ContainerProbes() {
    }

    static boolean attempt(Probe probe, Container container, String podIP, String containerId) {
        int timeoutMillis = 1000 * (probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
        try {
            if (probe.getHttpGet() != null) {
                var get = probe.getHttpGet();
                String host = get.getHost() == null || get.getHost().isEmpty() ? podIP : get.getHost();
                String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase();
                String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
                URI uri = URI.create(scheme + "://" + host + ":" + port(get.getPort(), container) + (path.startsWith("/") ? path : "/" + path));
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout(timeoutMillis);
                connection.setReadTimeout(timeoutMillis);
                connection.setRequestProperty("User-Agent", "kube-probe/1.32");
                for (HTTPHeader h : get.getHttpHeaders()) {
                    connection.setRequestProperty(h.getName(), h.getValue());
                }
                try {
                    int code = connection.getResponseCode();
                    return code >= 200 && code < 400;
                } finally {
                    connection.disconnect();
                }
            }
            if (probe.getTcpSocket() != null) {
                var tcp = probe.getTcpSocket();
                String host = tcp.getHost() == null || tcp.getHost().isEmpty() ? podIP : tcp.getHost();
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port(tcp.getPort(), container)), timeoutMillis);
                    return true;
                }
            }
            if (probe.getExec() != null) {
                List<String> args = new ArrayList<>(List.of("exec", containerId));
                args.addAll(probe.getExec().getCommand());
                return DockerCli.run(args, Duration.ofMillis(timeoutMillis + 2000L)).ok();
            }
            return false;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    /** A port number, or the name of one of the container's ports. */
    static int port(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new UnsupportedPodException("container " + container.getName() + " has no port named " + port.getStrVal()));
    }
}
