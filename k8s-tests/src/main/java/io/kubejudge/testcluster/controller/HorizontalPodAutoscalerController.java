package io.kubejudge.testcluster.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ExternalMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerConditionBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in for kube-controller-manager's HorizontalPodAutoscaler controller, for
 * {@code autoscaling/v2} HPAs with {@code External} metrics (the only kind KubeJudge's pools use).
 * Every sync period ({@code --horizontal-pod-autoscaler-sync-period}, 15 s by default) it reads each
 * HPA's scale target through its {@code /scale} subresource, asks the external metrics API for each
 * metric exactly as the real controller's client does
 * ({@code GET /apis/external.metrics.k8s.io/v1beta1/namespaces/<ns>/<metric>?labelSelector=<selector>}),
 * computes the replicas ({@link ReplicaCalculation}: tolerance, stabilisation windows, rate limits,
 * min/max), writes the new replicas back through {@code /scale} and the HPA's status.
 *
 * <p>The mock API server has no aggregation layer: a provider of {@code external.metrics.k8s.io} is
 * registered here per namespace ({@link #serveExternalMetrics}) — each scenario has its own operator,
 * as a cluster has its one APIService. An HPA whose namespace has no provider gets what a real cluster
 * without one gives: {@code ScalingActive=False}, reason {@code FailedGetExternalMetric}, no scaling.
 */
public final class HorizontalPodAutoscalerController implements AutoCloseable {

    /**
     * @param syncPeriod              how often every HPA is evaluated
     * @param tolerance               {@code --horizontal-pod-autoscaler-tolerance}
     * @param downscaleStabilisation  {@code --horizontal-pod-autoscaler-downscale-stabilization}, the
     *                                scale-down window of an HPA that sets none in {@code spec.behavior}
     */
    public record Settings(Duration syncPeriod, double tolerance, Duration downscaleStabilisation) {
        public static Settings kubernetesDefaults() {
            return new Settings(Duration.ofSeconds(15), ReplicaCalculation.DEFAULT_TOLERANCE, Duration.ofMinutes(5));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(HorizontalPodAutoscalerController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> providers = new ConcurrentHashMap<>();
    private final Map<String, ReplicaCalculation> calculations = new ConcurrentHashMap<>();
    private volatile Settings settings;
    private ScheduledExecutorService loop;

    public HorizontalPodAutoscalerController(KubernetesClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    public synchronized HorizontalPodAutoscalerController start() {
        if (loop == null) {
            loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "test-cluster-hpa-controller");
                t.setDaemon(true);
                return t;
            });
            schedule(0);
        }
        return this;
    }

    private void schedule(long delayMillis) {
        loop.schedule(() -> {
            try {
                syncAll();
            } catch (RuntimeException e) {
                LOG.warn("HPA sync failed", e);
            }
            schedule(settings.syncPeriod().toMillis());
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    public void settings(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Routes {@code external.metrics.k8s.io} requests for HPAs of {@code namespace} to the provider at
     * {@code baseUrl} (what an APIService's Service does); {@code null} removes the route.
     */
    public void serveExternalMetrics(String namespace, String baseUrl) {
        if (baseUrl == null) {
            providers.remove(namespace);
        } else {
            providers.put(namespace, baseUrl.replaceAll("/$", ""));
        }
    }

    void syncAll() {
        for (HorizontalPodAutoscaler hpa : client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().list().getItems()) {
            try {
                sync(hpa);
            } catch (RuntimeException e) {
                LOG.warn("HPA {}/{}: {}", hpa.getMetadata().getNamespace(), hpa.getMetadata().getName(), e.toString());
            }
        }
    }

    private void sync(HorizontalPodAutoscaler hpa) {
        String namespace = hpa.getMetadata().getNamespace();
        String key = namespace + "/" + hpa.getMetadata().getName() + "/" + hpa.getMetadata().getUid();
        ReplicaCalculation calculation = calculations.computeIfAbsent(key, k -> new ReplicaCalculation());
        String before = statusWithoutTimes(hpa.getStatus() == null ? new HorizontalPodAutoscalerStatus() : hpa.getStatus());
        Instant now = Instant.now();
        CrossVersionObjectReference ref = hpa.getSpec().getScaleTargetRef();
        Optional<ResourceDefinitionContext> kind = KnownKinds.of(ref.getApiVersion(), ref.getKind());
        if (kind.isEmpty()) {
            writeStatus(hpa, before, null, null, null, condition("AbleToScale", "False", "FailedGetScale",
                    "the HPA controller was unable to get the target's current scale: no kind " + ref.getKind()));
            return;
        }
        var target = client.genericKubernetesResources(kind.get()).inNamespace(namespace).withName(ref.getName());
        Scale scale;
        try {
            scale = target.scale();
        } catch (RuntimeException e) {
            writeStatus(hpa, before, null, null, null, condition("AbleToScale", "False", "FailedGetScale",
                    "the HPA controller was unable to get the target's current scale: " + e.getMessage()));
            return;
        }
        if (scale == null) {
            return;
        }
        int current = scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
        int statusReplicas = scale.getStatus() == null || scale.getStatus().getReplicas() == null ? 0 : scale.getStatus().getReplicas();
        int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
        int max = hpa.getSpec().getMaxReplicas();
        if (current == 0 && min != 0) {
            writeStatus(hpa, before, current, current, null, condition("ScalingActive", "False", "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero"));
            return;
        }
        int recommended = -1;
        List<io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus> metrics = new ArrayList<>();
        for (MetricSpec metric : hpa.getSpec().getMetrics()) {
            if (!"External".equals(metric.getType())) {
                continue;
            }
            ExternalMetricSource external = metric.getExternal();
            double usage;
            try {
                usage = fetch(namespace, external);
            } catch (IOException | RuntimeException e) {
                writeStatus(hpa, before, current, current, null, condition("ScalingActive", "False", "FailedGetExternalMetric",
                        "the HPA was unable to compute the replica count: unable to get external metric " + namespace + "/"
                                + external.getMetric().getName() + ": " + e.getMessage()));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            var t = external.getTarget();
            int replicas;
            var current2 = new io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus();
            if ("AverageValue".equals(t.getType())) {
                replicas = ReplicaCalculation.averageValue(usage, t.getAverageValue().getNumericalAmount().doubleValue(),
                        statusReplicas, settings.tolerance());
                current2.setAverageValue(quantity(statusReplicas == 0 ? usage : Math.ceil(usage / statusReplicas)));
            } else if ("Value".equals(t.getType())) {
                replicas = ReplicaCalculation.value(usage, t.getValue().getNumericalAmount().doubleValue(), current, settings.tolerance());
                current2.setValue(quantity(usage));
            } else {
                continue;
            }
            recommended = Math.max(recommended, replicas);
            metrics.add(new MetricStatusBuilder().withType("External").withNewExternal().withMetric(external.getMetric())
                    .withCurrent(current2).endExternal().build());
        }
        if (recommended < 0) {
            return;
        }
        Duration up = window(hpa, true, Duration.ZERO);
        Duration down = window(hpa, false, settings.downscaleStabilisation());
        int desired = calculation.desired(now, current, recommended, min, max, up, down);
        if (desired != current) {
            Scale wanted = new io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder(scale).editSpec().withReplicas(desired).endSpec().build();
            try {
                target.scale(wanted);
            } catch (RuntimeException e) {
                writeStatus(hpa, before, current, desired, metrics, condition("AbleToScale", "False", "FailedUpdateScale",
                        "the HPA controller was unable to update the target scale: " + e.getMessage()));
                return;
            }
            calculation.scaled(now, current, desired);
            LOG.info("HPA {}/{}: {} -> {} replicas (recommended {})", namespace, hpa.getMetadata().getName(), current, desired, recommended);
            hpa.setStatus(Objects.requireNonNullElseGet(hpa.getStatus(), HorizontalPodAutoscalerStatus::new));
            hpa.getStatus().setLastScaleTime(now.toString());
        }
        writeStatus(hpa, before, current, desired, metrics, condition("ScalingActive", "True", "ValidMetricFound",
                "the HPA was able to successfully calculate a replica count from external metric"));
    }

    private static Duration window(HorizontalPodAutoscaler hpa, boolean up, Duration otherwise) {
        var behavior = hpa.getSpec().getBehavior();
        HPAScalingRules rules = behavior == null ? null : up ? behavior.getScaleUp() : behavior.getScaleDown();
        return rules == null || rules.getStabilizationWindowSeconds() == null ? otherwise
                : Duration.ofSeconds(rules.getStabilizationWindowSeconds());
    }

    /** The sum of the metric's series, as the HPA's external metrics client reads them. */
    private double fetch(String namespace, ExternalMetricSource external) throws IOException, InterruptedException {
        String base = providers.get(namespace);
        if (base == null) {
            throw new IllegalStateException("the server could not find the requested resource (get "
                    + external.getMetric().getName() + ".external.metrics.k8s.io)");
        }
        String selector = external.getMetric().getSelector() == null ? "" : selectorString(external.getMetric().getSelector());
        URI uri = URI.create(base + "/apis/external.metrics.k8s.io/v1beta1/namespaces/" + namespace + "/"
                + external.getMetric().getName() + "?labelSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode items = JSON.readTree(response.body()).path("items");
        if (items.isEmpty()) {
            throw new IllegalStateException("no metrics returned from external metrics API");
        }
        double sum = 0;
        for (JsonNode item : items) {
            sum += new Quantity(item.path("value").asText()).getNumericalAmount().doubleValue();
        }
        return sum;
    }

    /** metav1.LabelSelectorAsSelector's string form. */
    static String selectorString(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        List<String> terms = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> terms.add(e.getKey() + "=" + e.getValue()));
        }
        if (selector.getMatchExpressions() != null) {
            for (var e : selector.getMatchExpressions()) {
                String values = e.getValues() == null ? "" : e.getValues().stream().sorted().collect(Collectors.joining(","));
                switch (e.getOperator()) {
                    case "In" -> terms.add(e.getKey() + " in (" + values + ")");
                    case "NotIn" -> terms.add(e.getKey() + " notin (" + values + ")");
                    case "Exists" -> terms.add(e.getKey());
                    case "DoesNotExist" -> terms.add("!" + e.getKey());
                    default -> throw new IllegalArgumentException("operator " + e.getOperator());
                }
            }
        }
        return String.join(",", terms);
    }

    private static Quantity quantity(double v) {
        return new Quantity(v == Math.rint(v) ? Long.toString((long) v) : Math.round(v * 1000) + "m");
    }

    private static HorizontalPodAutoscalerCondition condition(String type, String status, String reason, String message) {
        return new HorizontalPodAutoscalerConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withLastTransitionTime(Instant.now().toString()).build();
    }

    /** Writes the status when something in it changed (a condition's time alone does not count). */
    private void writeStatus(HorizontalPodAutoscaler hpa, String before, Integer current, Integer desired,
                             List<io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus> metrics,
                             HorizontalPodAutoscalerCondition condition) {
        HorizontalPodAutoscalerStatus status = hpa.getStatus() == null ? new HorizontalPodAutoscalerStatus() : hpa.getStatus();
        if (current != null) {
            status.setCurrentReplicas(current);
        }
        if (desired != null) {
            status.setDesiredReplicas(desired);
        }
        if (metrics != null) {
            status.setCurrentMetrics(metrics);
        }
        List<HorizontalPodAutoscalerCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        Optional<HorizontalPodAutoscalerCondition> old = conditions.stream().filter(c -> c.getType().equals(condition.getType())).findFirst();
        if (old.isPresent() && old.get().getStatus().equals(condition.getStatus())) {
            condition.setLastTransitionTime(old.get().getLastTransitionTime());
        }
        conditions.removeIf(c -> c.getType().equals(condition.getType()));
        conditions.add(condition);
        status.setConditions(conditions);
        hpa.setStatus(status);
        if (!before.equals(statusWithoutTimes(status))) {
            var resource = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(hpa.getMetadata().getNamespace()).resource(hpa);
            try {
                resource.updateStatus();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return; // the next sync writes it
                }
                throw e;
            }
        }
    }

    private static String statusWithoutTimes(HorizontalPodAutoscalerStatus status) {
        try {
            var copy = JSON.readTree(JSON.writeValueAsString(status));
            for (JsonNode c : copy.path("conditions")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove("lastTransitionTime");
            }
            return copy.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
    }
}
