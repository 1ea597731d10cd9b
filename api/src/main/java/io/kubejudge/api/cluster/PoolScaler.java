package io.kubejudge.api.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubejudge.api.config.ApiConfig;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.api.error.ApiException;
import io.kubejudge.model.v1alpha1.Autoscaling;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scales a pool by patching its spec, the resource the operator reconciles:
 * <ul>
 * <li>without autoscaling, {@code spec.replicas} becomes the new number (0..10000);</li>
 * <li>with autoscaling, an HPA owns {@code spec.replicas} and would undo a plain change, so the
 *     new number also becomes {@code spec.autoscaling.minReplicas}; the operator copies that
 *     into the HPA it owns. The number must stay within {@code maxReplicas}.</li>
 * </ul>
 * The patch carries the resource version it was computed from, so concurrent scalings do not
 * lose one another.
 */
@Singleton
public class PoolScaler {

    static final int MAX_REPLICAS = 10000;
    private static final Pattern POOL_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

    private final KubernetesClient client;
    private final String namespace;
    private final String defaultPool;
    private final ObjectMapper json = new ObjectMapper();

    PoolScaler(KubernetesClient client, JudgeNamespace namespace, ApiConfig config) {
        this.client = client;
        this.namespace = namespace.name();
        this.defaultPool = config.defaultPool();
    }

    public ScaleResult scale(ScaleRequest r) {
        if (r == null) {
            throw new ApiException(400, "missing_body", "the request needs a JSON body", null);
        }
        String action = r.action();
        if (action == null || !(action.equals("scale_up") || action.equals("scale_down") || action.equals("set"))) {
            throw ApiException.invalid("action", "action must be scale_up, scale_down or set");
        }
        if (r.nodeCount() == null) {
            throw ApiException.invalid("node_count", "node_count is required");
        }
        int count = r.nodeCount();
        int least = action.equals("set") ? 0 : 1;
        if (count < least || count > MAX_REPLICAS) {
            throw ApiException.invalid("node_count", "node_count must be between " + least + " and " + MAX_REPLICAS
                    + " for " + action + ", not " + count);
        }
        String name = r.nodeType() == null ? defaultPool : r.nodeType();
        if (!POOL_NAME.matcher(name).matches()) {
            throw ApiException.invalid("node_type", "node_type must name a pool (a lower-case DNS label)");
        }
        for (int attempt = 0; ; attempt++) {
            JudgeNodePool pool = client.resources(JudgeNodePool.class).inNamespace(namespace).withName(name).get();
            if (pool == null) {
                throw ApiException.notFound("node_type", "pool '" + name + "' does not exist");
            }
            try {
                return apply(pool, action, count);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    private ScaleResult apply(JudgeNodePool pool, String action, int count) {
        String name = pool.getMetadata().getName();
        int current = pool.getSpec().getReplicas() == null ? 0 : pool.getSpec().getReplicas();
        int target = switch (action) {
            case "scale_up" -> current + count;
            case "scale_down" -> current - count;
            default -> count;
        };
        Autoscaling auto = pool.getSpec().getAutoscaling();
        int ceiling = auto != null && auto.getMaxReplicas() != null ? auto.getMaxReplicas() : MAX_REPLICAS;
        if (target < 0 || target > ceiling) {
            String bound = auto != null ? "autoscaling.maxReplicas=" + ceiling : "at most " + MAX_REPLICAS;
            throw ApiException.unprocessable("out_of_bounds", "node_count", "pool '" + name + "' allows 0.."
                    + ceiling + " slots (" + bound + "); " + action + " " + count + " from " + current
                    + " would make " + target);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", target);
        if (auto != null) {
            spec.put("autoscaling", Map.of("minReplicas", target));
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("metadata", Map.of("resourceVersion", pool.getMetadata().getResourceVersion()));
        patch.put("spec", spec);
        JudgeNodePool patched;
        try {
            patched = client.resources(JudgeNodePool.class).inNamespace(namespace).withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), json.writeValueAsString(patch));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Autoscaling after = patched.getSpec().getAutoscaling();
        return new ScaleResult(name, action, current, patched.getSpec().getReplicas(), after != null,
                after == null ? null : after.getMinReplicas(), after == null ? null : after.getMaxReplicas());
    }
}
