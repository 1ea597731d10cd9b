package io.kubejudge.api.cluster;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubejudge.api.config.ApiConfig;
import io.kubejudge.api.config.JudgeNamespace;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.KubeJudge;
import io.kubejudge.model.v1alpha1.PodResources;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * CPU and memory use of the pools' judge pods from the metrics API (metrics-server), as a share
 * of what each pool's slots may use. One request covers every pool (pods carry the pool label).
 * Clusters without a metrics API get nothing, and are not asked again for a while
 * (kubejudge.api.metrics.absent-retry).
 */
@Singleton
public class PoolUsage {

    private static final Logger LOG = Logger.getLogger(PoolUsage.class);

    /** Named explicitly: no discovery request, and an "exists" label selector that top() cannot express. */
    private static final ResourceDefinitionContext POD_METRICS = new ResourceDefinitionContext.Builder()
            .withGroup("metrics.k8s.io").withVersion("v1beta1").withKind("PodMetrics").withPlural("pods")
            .withNamespaced(true).build();

    private final KubernetesClient client;
    private final String namespace;
    private final long absentRetryMs;
    private volatile long absentUntil;

    PoolUsage(KubernetesClient client, JudgeNamespace namespace, ApiConfig config) {
        this.client = client;
        this.namespace = namespace.name();
        this.absentRetryMs = config.metrics().absentRetry().toMillis();
    }

    public record Usage(double cpu, double memory) {
    }

    /** Usage per pool name; empty when the cluster has no metrics API. */
    public Optional<Map<String, Usage>> of(List<JudgeNodePool> pools) {
        if (System.currentTimeMillis() < absentUntil) {
            return Optional.empty();
        }
        List<PodMetrics> pods;
        try {
            pods = client.genericKubernetesResources(POD_METRICS).inNamespace(namespace).withLabel(KubeJudge.LABEL_POOL)
                    .list().getItems().stream()
                    .map(g -> client.getKubernetesSerialization().convertValue(g, PodMetrics.class))
                    .toList();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 503) {
                absentUntil = System.currentTimeMillis() + absentRetryMs;
            }
            LOG.debugf("no pod metrics: %s", e.getMessage());
            return Optional.empty();
        }
        Map<String, BigDecimal[]> used = new HashMap<>();
        for (PodMetrics p : pods) {
            Map<String, String> labels = p.getMetadata() == null ? null : p.getMetadata().getLabels();
            String pool = labels == null ? null : labels.get(KubeJudge.LABEL_POOL);
            if (pool == null) {
                continue;
            }
            BigDecimal[] sum = used.computeIfAbsent(pool, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            for (ContainerMetrics c : p.getContainers()) {
                sum[0] = sum[0].add(amount(c.getUsage(), "cpu"));
                sum[1] = sum[1].add(amount(c.getUsage(), "memory"));
            }
        }
        Map<String, Usage> out = new HashMap<>();
        for (JudgeNodePool pool : pools) {
            BigDecimal[] sum = used.getOrDefault(pool.getMetadata().getName(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            PodResources perPod = pool.getSpec().getResources() != null ? pool.getSpec().getResources() : new PodResources();
            int slots = Math.max(1, pool.getSpec().getReplicas() == null ? 1 : pool.getSpec().getReplicas());
            double cpuCapacity = Quantity.getAmountInBytes(new Quantity(perPod.getCpu())).doubleValue() * slots;
            double memoryCapacity = Quantity.getAmountInBytes(new Quantity(perPod.getMemory())).doubleValue() * slots;
            out.put(pool.getMetadata().getName(),
                    new Usage(share(sum[0].doubleValue(), cpuCapacity), share(sum[1].doubleValue(), memoryCapacity)));
        }
        return Optional.of(out);
    }

    private static BigDecimal amount(Map<String, Quantity> usage, String resource) {
        Quantity q = usage == null ? null : usage.get(resource);
        return q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
    }

    private static double share(double used, double capacity) {
        return capacity <= 0 ? 0 : Math.round(used / capacity * 1000) / 1000.0;
    }
}
