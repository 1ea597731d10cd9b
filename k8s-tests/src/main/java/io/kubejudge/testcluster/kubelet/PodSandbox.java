package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Docker pod's sandbox (the CRI "pause" container): it holds the pod's network and IPC namespaces
 * — a fixed IP on the cluster's pod network for the pod's life, the hostname, {@code hostAliases},
 * the DNS search path {@code <namespace>.svc.cluster.local svc.cluster.local cluster.local} with
 * ndots 5 — and the names other pods find this one by, as network aliases: for each Service of the
 * namespace selecting the pod {@code <service>.<namespace>.svc[.cluster.local]} (short names resolve
 * through the search path), and {@code <hostname>.<subdomain>.<namespace>.svc[.cluster.local]} for a
 * pod with a subdomain (a StatefulSet's pods). It runs {@code sleep infinity} from the kubelet's
 * sandbox image, as nobody, with nothing else.
 */
final class PodSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(PodSandbox.class);

    private final Pod pod;
    private final KubernetesClient client;
    private final DockerPods docker;
    private final String ip;
    private final String hostname;
    /** Guards the aliases; docker calls run under it, never under the pod worker's lock. */
    private final Object lock = new Object();
    private Set<String> aliases = Set.of();
    private String id;

    private PodSandbox(Pod pod, KubernetesClient client, DockerPods docker, String ip) {
        this.pod = pod;
        this.client = client;
        this.docker = docker;
        this.ip = ip;
        String name = pod.getSpec().getHostname() == null ? pod.getMetadata().getName() : pod.getSpec().getHostname();
        this.hostname = name.length() > 63 ? name.substring(0, 63) : name;
    }

    static PodSandbox start(Pod pod, KubernetesClient client, DockerPods docker, String containerName, String image) {
        PodSandbox sandbox = new PodSandbox(pod, client, docker, docker.network().allocateIp());
        try {
            sandbox.run(containerName, image);
            return sandbox;
        } catch (RuntimeException e) {
            docker.network().releaseIp(sandbox.ip);
            throw e;
        }
    }

    private void run(String containerName, String image) {
        String namespace = pod.getMetadata().getNamespace();
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", containerName));
        args.addAll(docker.network().labelArgs());
        args.addAll(List.of("--label", "io.kubejudge.testcluster.pod=" + namespace + "/" + pod.getMetadata().getName(),
                "--network", docker.network().name(), "--ip", ip, "--hostname", hostname,
                "--dns-search", namespace + ".svc.cluster.local", "--dns-search", "svc.cluster.local",
                "--dns-search", "cluster.local", "--dns-option", "ndots:5", "--ipc", "shareable",
                "--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--user", "65534:65534",
                "--memory", "32m", "--pids-limit", "8"));
        for (var hostAlias : pod.getSpec().getHostAliases()) {
            for (String name : hostAlias.getHostnames()) {
                args.addAll(List.of("--add-host", name + ":" + hostAlias.getIp()));
            }
        }
        synchronized (lock) {
            aliases = currentAliases();
            for (String alias : aliases) {
                args.addAll(List.of("--network-alias", alias));
            }
            args.addAll(List.of("--entrypoint", "sleep", image, "infinity"));
            id = DockerCli.check(args);
        }
    }

    String id() {
        return id;
    }

    String ip() {
        return ip;
    }

    /**
     * The Services of the namespace changed: when the names that find this pod changed, the sandbox
     * is connected to the network again with the same IP and the new aliases (Docker cannot change an
     * endpoint's aliases in place; the pod's connections are interrupted for a moment).
     */
    void servicesChanged() {
        synchronized (lock) {
            Set<String> now = currentAliases();
            if (now.equals(aliases)) {
                return;
            }
            DockerCli.run(List.of("network", "disconnect", "--force", docker.network().name(), id));
            List<String> args = new ArrayList<>(List.of("network", "connect", "--ip", ip));
            now.forEach(a -> args.addAll(List.of("--alias", a)));
            args.addAll(List.of(docker.network().name(), id));
            DockerCli.Result r = DockerCli.run(args);
            if (!r.ok()) {
                LOG.warn("pod {}/{}: reconnecting with the aliases {} failed: {}", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), now, r.stderr());
                return;
            }
            aliases = now;
        }
    }

    /** The sandbox goes (after the pod's containers), and its IP is free again. */
    void remove() {
        DockerCli.run(List.of("rm", "-f", "-v", id));
        docker.network().releaseIp(ip);
    }

    private Set<String> currentAliases() {
        String namespace = pod.getMetadata().getNamespace();
        Set<String> names = new LinkedHashSet<>();
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        for (Service service : client.services().inNamespace(namespace).list().getItems()) {
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet())) {
                String svc = service.getMetadata().getName() + "." + namespace + ".svc";
                names.add(svc);
                names.add(svc + ".cluster.local");
            }
        }
        String subdomain = pod.getSpec().getSubdomain();
        if (subdomain != null && !subdomain.isEmpty()) {
            String fqdn = hostname + "." + subdomain + "." + namespace + ".svc";
            names.add(fqdn);
            names.add(fqdn + ".cluster.local");
        }
        return names;
    }
}
