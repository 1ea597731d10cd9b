package io.kubejudge.operator.externalmetrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubejudge.operator.admission.AdmissionQueue.PoolKey;
import io.kubejudge.operator.pool.PoolAutoscalerDependentResource;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's answers as an {@code external.metrics.k8s.io/v1beta1} API server: the pools' queue
 * depth ({@value PoolAutoscalerDependentResource#QUEUE_DEPTH_METRIC}) as the HPA controller asks for it,
 * through kube-apiserver's aggregation layer —
 * {@code GET /apis/external.metrics.k8s.io/v1beta1/namespaces/<ns>/<metric>?labelSelector=namespace=<ns>,pool=<pool>}
 * answered with an {@code ExternalMetricValueList} — plus the discovery documents the aggregator reads
 * ({@code /apis}, the group, the version's resource list, {@code /openapi/v2}). Transport-free: the
 * Quarkus routes and the plain HTTP server of the hand-built operator both hand requests here.
 *
 * <p>A series has the labels {@code namespace} and {@code pool}. A selector that names one pool
 * always gets that pool's series, 0 when nobody waits (the HPA treats an empty list as an error and
 * would not scale down); any other selector gets the pools that have a queue.
 */
public final class ExternalMetricsApi {

    public static final String GROUP = "external.metrics.k8s.io";
    public static final String VERSION = "v1beta1";
    public static final String GROUP_VERSION = GROUP + "/" + VERSION;
    public static final String METRIC = PoolAutoscalerDependentResource.QUEUE_DEPTH_METRIC;

    /** A response: HTTP status and a JSON body. */
    public record Response(int status, String json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC_PATH =
            Pattern.compile("/apis/" + Pattern.quote(GROUP_VERSION) + "/namespaces/([^/]+)/([^/]+)/?");

    private final QueueDepths depths;
    private final Clock clock;

    public ExternalMetricsApi(QueueDepths depths, Clock clock) {
        this.depths = depths;
        this.clock = clock;
    }

    /**
     * @param path  the request path, without the query
     * @param query the decoded query parameters
     */
    public Response handle(String method, String path, Map<String, String> query) {
        if (!method.equals("GET")) {
            return status(405, "MethodNotAllowed", "only GET is served here");
        }
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        switch (p) {
            case "/apis":
                return ok(groupList());
            case "/apis/" + GROUP:
                return ok(group());
            case "/apis/" + GROUP_VERSION:
                return ok(resourceList());
            case "/openapi/v2":
                return ok(JSON.createObjectNode().put("swagger", "2.0").set("info",
                        JSON.createObjectNode().put("title", "kubejudge external metrics").put("version", VERSION)));
            default:
                break;
        }
        Matcher m = METRIC_PATH.matcher(path);
        if (!m.matches()) {
            return status(404, "NotFound", "the server could not find the requested resource " + path);
        }
        String namespace = m.group(1);
        String metric = m.group(2);
        if (!metric.equals(METRIC)) {
            return status(404, "NotFound", "no external metric \"" + metric + "\": this server serves only " + METRIC);
        }
        LabelSelector selector;
        try {
            selector = LabelSelector.parse(query.get("labelSelector"));
        } catch (IllegalArgumentException e) {
            return status(400, "BadRequest", e.getMessage());
        }
        try {
            return ok(valueList(namespace, selector));
        } catch (QueueDepths.Unavailable e) {
            return status(503, "ServiceUnavailable", e.getMessage());
        }
    }

    private ObjectNode valueList(String namespace, LabelSelector selector) {
        Map<String, Long> series = new LinkedHashMap<>();
        String pool = selector.required("pool").orElse(null);
        if (pool != null) {
            series.put(pool, depths.depth(new PoolKey(namespace, pool)));
        } else {
            series.putAll(depths.depths(namespace));
        }
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode list = JSON.createObjectNode().put("kind", "ExternalMetricValueList").put("apiVersion", GROUP_VERSION);
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        series.forEach((name, value) -> {
            Map<String, String> labels = Map.of("namespace", namespace, "pool", name);
            if (selector.matches(labels)) {
                ObjectNode item = items.addObject().put("metricName", METRIC);
                item.putObject("metricLabels").put("namespace", namespace).put("pool", name);
                item.put("timestamp", now).put("value", Long.toString(value));
            }
        });
        return list;
    }

    private static ObjectNode groupList() {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        list.putArray("groups").add(group().without(java.util.List.of("kind", "apiVersion")));
        return list;
    }

    private static ObjectNode group() {
        ObjectNode group = JSON.createObjectNode().put("kind", "APIGroup").put("apiVersion", "v1").put("name", GROUP);
        ObjectNode version = JSON.createObjectNode().put("groupVersion", GROUP_VERSION).put("version", VERSION);
        group.putArray("versions").add(version);
        group.set("preferredVersion", version.deepCopy());
        return group;
    }

    private static ObjectNode resourceList() {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", GROUP_VERSION);
        ObjectNode resource = list.putArray("resources").addObject()
                .put("name", METRIC).put("singularName", "").put("namespaced", true).put("kind", "ExternalMetricValueList");
        resource.putArray("verbs").add("get");
        return list;
    }

    private static Response ok(ObjectNode body) {
        return new Response(200, body.toString());
    }

    static Response status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
        status.putObject("metadata");
        return new Response(code, status.toString());
    }
}
