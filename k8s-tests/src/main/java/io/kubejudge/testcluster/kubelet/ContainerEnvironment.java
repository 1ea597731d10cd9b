package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet builds it: {@code envFrom}, then {@code env} in order
 * with {@code $(VAR)} references to earlier variables expanded ({@code $$} escapes), values from
 * the downward API, resources, ConfigMaps and Secrets. The same expansion applies to command and
 * args. The base (PATH, HOSTNAME, HOME) stands for what the image would set.
 */
public final class ContainerEnvironment {

    private static final Pattern REF = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
    private static final Pattern FIELD_KEY = Pattern.compile("metadata\\.(labels|annotations)\\['([^']+)'\\]");

    private final KubernetesClient client;

    public ContainerEnvironment(KubernetesClient client) {
        this.client = client;
    }

    public Map<String, String> resolve(Pod pod, Container container, Map<String, String> base) {
        return resolve(pod, container, base, "127.0.0.1");
    }

    /** @param podIP what {@code status.podIP} is for this pod (a process pod shares the host's loopback) */
    public Map<String, String> resolve(Pod pod, Container container, Map<String, String> base, String podIP) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put("HOSTNAME", pod.getMetadata().getName());
        String namespace = pod.getMetadata().getNamespace();
        for (EnvFromSource from : container.getEnvFrom()) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                ConfigMap cm = client.configMaps().inNamespace(namespace).withName(from.getConfigMapRef().getName()).get();
                if (cm == null) {
                    requireOptional(from.getConfigMapRef().getOptional(), "configmap", from.getConfigMapRef().getName());
                } else if (cm.getData() != null) {
                    cm.getData().forEach((k, v) -> env.put(prefix + k, v));
                }
            }
            if (from.getSecretRef() != null) {
                Secret s = client.secrets().inNamespace(namespace).withName(from.getSecretRef().getName()).get();
                if (s == null) {
                    requireOptional(from.getSecretRef().getOptional(), "secret", from.getSecretRef().getName());
                } else {
                    secretData(s).forEach((k, v) -> env.put(prefix + k, v));
                }
            }
        }
        for (EnvVar var : container.getEnv()) {
            String value = var.getValueFrom() != null ? valueFrom(pod, container, var, podIP)
                    : expand(var.getValue() == null ? "" : var.getValue(), env);
            if (value != null) {
                env.put(var.getName(), value);
            }
        }
        return env;
    }

    /** Kubernetes' {@code $(VAR)} expansion: unknown references stay as written, {@code $$} is a {@code $}. */
    public static String expand(String value, Map<String, String> env) {
        Matcher m = REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = "$";
            } else {
                replacement = env.getOrDefault(m.group(1), m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static List<String> expandAll(List<String> values, Map<String, String> env) {
        return values.stream().map(v -> expand(v, env)).toList();
    }

    private String valueFrom(Pod pod, Container container, EnvVar var, String podIP) {
        EnvVarSource source = var.getValueFrom();
        String namespace = pod.getMetadata().getNamespace();
        if (source.getFieldRef() != null) {
            String path = source.getFieldRef().getFieldPath();
            return "status.podIP".equals(path) ? podIP : fieldValue(pod, path);
        }
        if (source.getResourceFieldRef() != null) {
            return resourceValue(container, source.getResourceFieldRef().getResource(),
                    source.getResourceFieldRef().getDivisor());
        }
        if (source.getConfigMapKeyRef() != null) {
            var ref = source.getConfigMapKeyRef();
            ConfigMap cm = client.configMaps().inNamespace(namespace).withName(ref.getName()).get();
            String value = cm == null || cm.getData() == null ? null : cm.getData().get(ref.getKey());
            if (value == null) {
                requireOptional(ref.getOptional(), "configmap", ref.getName() + " key " + ref.getKey());
            }
            return value;
        }
        if (source.getSecretKeyRef() != null) {
            var ref = source.getSecretKeyRef();
            Secret s = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
            String value = s == null ? null : secretData(s).get(ref.getKey());
            if (value == null) {
                requireOptional(ref.getOptional(), "secret", ref.getName() + " key " + ref.getKey());
                return null;
            }
            return value;
        }
        throw new UnsupportedPodException("env " + var.getName() + ": unsupported valueFrom");
    }

    static String fieldValue(Pod pod, String path) {
        Matcher m = FIELD_KEY.matcher(path);
        if (m.matches()) {
            Map<String, String> map = "labels".equals(m.group(1)) ? pod.getMetadata().getLabels()
                    : pod.getMetadata().getAnnotations();
            return map == null ? "" : map.getOrDefault(m.group(2), "");
        }
        return switch (path) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.podIP", "status.hostIP" -> "127.0.0.1";
            default -> throw new UnsupportedPodException("fieldRef " + path + " is not emulated");
        };
    }

    static String resourceValue(Container container, String resource, Quantity divisor) {
        String[] parts = resource.split("\\.", 2);
        Map<String, Quantity> map = container.getResources() == null ? null
                : "limits".equals(parts[0]) ? container.getResources().getLimits() : container.getResources().getRequests();
        Quantity q = map == null ? null : map.get(parts[1]);
        if (q == null) {
            return "0";
        }
        BigDecimal amount = q.getNumericalAmount();
        BigDecimal by = divisor == null ? BigDecimal.ONE : divisor.getNumericalAmount();
        return amount.divide(by, 0, RoundingMode.CEILING).toPlainString();
    }

    private static void requireOptional(Boolean optional, String kind, String what) {
        if (!Boolean.TRUE.equals(optional)) {
            throw new UnsupportedPodException(kind + " " + what + " not found (CreateContainerConfigError)");
        }
    }

    /**
     * A Secret's values: {@code data} decoded, and {@code stringData} — which a real API server merges
     * into {@code data} on write, but the mock keeps as written.
     */
    static Map<String, String> secretData(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, decode(v)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
