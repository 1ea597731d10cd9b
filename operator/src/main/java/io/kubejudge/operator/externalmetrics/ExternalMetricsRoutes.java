package io.kubejudge.operator.externalmetrics;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.operator.OperatorComponents;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The deployed operator's external metrics API on its HTTP server: see {@link ExternalMetricsApi}.
 * Only kube-apiserver's front proxy, for a user it authorizes, is answered ({@link AggregatedApiAccess});
 * its client certificate is only seen on the HTTPS port the chart's APIService points at, so the
 * plain HTTP port (for probes and /q/metrics) answers these paths 401. Off with
 * {@code kubejudge.external-metrics.enabled=false}, which the chart sets when another provider
 * (prometheus-adapter, KEDA) serves {@code external.metrics.k8s.io}.
 */
@ApplicationScoped
public class ExternalMetricsRoutes {

    @Inject
    Instance<OperatorComponents> components;

    @Inject
    KubernetesClient client;

    @ConfigProperty(name = "kubejudge.external-metrics.enabled", defaultValue = "true")
    boolean enabled;

    private volatile ExternalMetricsApi api;
    private volatile AggregatedApiAccess access;

    void register(@Observes Router router) {
        if (!enabled) {
            return;
        }
        // Blocking: each request asks kube-apiserver (SubjectAccessReview), and a standby replica reads Redis.
        router.routeWithRegex(HttpMethod.GET, "/apis(/.*)?|/openapi/v2").blockingHandler(this::serve, false);
    }

    private void serve(RoutingContext ctx) {
        Optional<ExternalMetricsApi.Response> refusal = access().refusal(peerCertificates(ctx.request().sslSession()),
                headers(ctx), ctx.request().method().name(), ctx.normalizedPath());
        ExternalMetricsApi.Response response;
        if (refusal.isPresent()) {
            response = refusal.get();
        } else {
            Map<String, String> query = new HashMap<>();
            ctx.queryParams().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
            response = api().handle("GET", ctx.normalizedPath(), query);
        }
        ctx.response().setStatusCode(response.status()).putHeader("Content-Type", "application/json").end(response.json());
    }

    private static List<X509Certificate> peerCertificates(SSLSession session) {
        if (session == null) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
            return chain;
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    private static Map<String, List<String>> headers(RoutingContext ctx) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : ctx.request().headers().names()) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(ctx.request().headers().getAll(name));
        }
        return headers;
    }

    private AggregatedApiAccess access() {
        AggregatedApiAccess a = access;
        if (a == null) {
            Clock clock = components.get().clock();
            a = new AggregatedApiAccess(new FrontProxyAuthentication(new ExtensionApiserverAuthentication(client, clock), clock),
                    new DelegatedAuthorization(client));
            access = a;
        }
        return a;
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
