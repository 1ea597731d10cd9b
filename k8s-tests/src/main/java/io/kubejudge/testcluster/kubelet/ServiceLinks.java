package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Docker-link style variables the kubelet puts into every container for each Service of the
 * pod's namespace ({@code enableServiceLinks}, true by default): {@code <NAME>_SERVICE_HOST},
 * {@code <NAME>_SERVICE_PORT[_<PORTNAME>]}, {@code <NAME>_PORT}, {@code <NAME>_PORT_<port>_<PROTO>[_PROTO|_PORT|_ADDR]}.
 * They matter because they can collide with an application's own variables (a Service
 * {@code kubejudge-redis} defines {@code KUBEJUDGE_REDIS_PORT=tcp://...}). Headless Services get none,
 * as in Kubernetes. There are no Service IPs here: the host is the IP of a running pod the Service
 * selects (ports map one to one), and a Service selecting no running pod yet gets no variables.
 */
final class ServiceLinks {

    private ServiceLinks() {
    }

    static Map<String, String> of(KubernetesClient client, Pod pod) {
        Map<String, String> env = new LinkedHashMap<>();
        if (Boolean.FALSE.equals(pod.getSpec().getEnableServiceLinks())) {
            return env;
        }
        String namespace = pod.getMetadata().getNamespace();
        var pods = client.pods().inNamespace(namespace).list().getItems();
        for (Service service : client.services().inNamespace(namespace).list().getItems()) {
            Map<String, String> selector = service.getSpec().getSelector();
            if ("None".equals(service.getSpec().getClusterIP()) || selector == null || selector.isEmpty()
                    || service.getSpec().getPorts().isEmpty()) {
                continue;
            }
            String host = service.getSpec().getClusterIP() != null && !service.getSpec().getClusterIP().isEmpty()
                    ? service.getSpec().getClusterIP()
                    : pods.stream()
                            .filter(p -> p.getMetadata().getLabels() != null
                                    && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                            .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                            .map(p -> p.getStatus().getPodIP()).filter(Objects::nonNull).findFirst().orElse(null);
            if (host == null) {
                continue;
            }
            String name = service.getMetadata().getName().toUpperCase().replace('-', '_');
            env.put(name + "_SERVICE_HOST", host);
            ServicePort first = service.getSpec().getPorts().get(0);
            env.put(name + "_SERVICE_PORT", first.getPort().toString());
            for (ServicePort port : service.getSpec().getPorts()) {
                if (port.getName() != null && !port.getName().isEmpty()) {
                    env.put(name + "_SERVICE_PORT_" + port.getName().toUpperCase().replace('-', '_'), port.getPort().toString());
                }
            }
            String proto = first.getProtocol() == null ? "tcp" : first.getProtocol().toLowerCase();
            env.put(name + "_PORT", proto + "://" + host + ":" + first.getPort());
            for (ServicePort port : service.getSpec().getPorts()) {
                String p = port.getProtocol() == null ? "tcp" : port.getProtocol().toLowerCase();
                String prefix = name + "_PORT_" + port.getPort() + "_" + p.toUpperCase();
                env.put(prefix, p + "://" + host + ":" + port.getPort());
                env.put(prefix + "_PROTO", p);
                env.put(prefix + "_PORT", port.getPort().toString());
                env.put(prefix + "_ADDR", host);
            }
        }
        return env;
    }
}
