package io.kubejudge.operator.externalmetrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@link ExternalMetricsApi} over plain HTTP for the hand-built operator ({@code KubeJudgeOperator},
 * which has no Quarkus HTTP server): what the test cluster's HPA controller asks. It authenticates
 * nobody: the test cluster has no aggregation layer, so its HPA controller calls it directly, in the
 * place of kube-apiserver. The deployed operator's endpoint checks the caller
 * ({@link ExternalMetricsRoutes}, {@link AggregatedApiAccess}).
 */
public final class ExternalMetricsHttpServer implements AutoCloseable {

    private final HttpServer server;

    private ExternalMetricsHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free loopback port. */
    public static ExternalMetricsHttpServer start(ExternalMetricsApi api) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "external-metrics");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/", exchange -> serve(api, exchange));
            server.start();
            return new ExternalMetricsHttpServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    private static void serve(ExternalMetricsApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            ExternalMetricsApi.Response response = api.handle(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), query(exchange.getRequestURI().getRawQuery()));
            byte[] body = response.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
