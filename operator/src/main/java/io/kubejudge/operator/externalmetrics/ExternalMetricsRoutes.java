package io.kubejudge.operator.externalmetrics;

import io.kubejudge.operator.OperatorComponents;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The deployed operator's external metrics API on its HTTP server (the HTTPS port the chart's
 * APIService points at, and plain HTTP): see {@link ExternalMetricsApi}. Off with
 * {@code kubejudge.external-metrics.enabled=false}, which the chart sets when another provider
 * (prometheus-adapter, KEDA) serves {@code external.metrics.k8s.io}.
 */
@ApplicationScoped
public class ExternalMetricsRoutes {

    @Inject
    Instance<OperatorComponents> components;

    @ConfigProperty(name = "kubejudge.external-metrics.enabled", defaultValue = "true")
    boolean enabled;

    private volatile ExternalMetricsApi api;

    void register(@Observes Router router) {
        if (!enabled) {
            return;
        }
        // Blocking: a standby replica reads Redis.
        router.routeWithRegex(HttpMethod.GET, "/apis(/.*)?|/openapi/v2").blockingHandler(this::serve, false);
    }

    private void serve(RoutingContext ctx) {
        Map<String, String> query = new HashMap<>();
        ctx.queryParams().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
        ExternalMetricsApi.Response response = api().handle("GET", ctx.normalizedPath(), query);
        ctx.response().setStatusCode(response.status()).putHeader("Content-Type", "application/json").end(response.json());
    }

    private ExternalMetricsApi api() {
        ExternalMetricsApi a = api;
        if (a == null) {
            OperatorComponents c = components.get();
            a = new ExternalMetricsApi(QueueDepths.of(c), c.clock());
            api = a;
        }
        return a;
    }
}
