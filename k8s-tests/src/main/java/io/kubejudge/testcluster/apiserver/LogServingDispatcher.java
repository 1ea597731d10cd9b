package io.kubejudge.testcluster.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock API server's CRUD dispatcher plus the one read a real API server proxies to the node:
 * container logs. Without this the CRUD dispatcher answers {@code .../pods/{pod}/log} with a list
 * of every object it holds. And the API server's part of foreground cascading deletion, which the
 * CRUD dispatcher ignores: a delete with {@code propagationPolicy: Foreground} first gives the object
 * the {@code foregroundDeletion} finalizer, so the delete only marks it (deletionTimestamp); the
 * garbage collector deletes its dependents, then removes that finalizer.
 */
public final class LogServingDispatcher extends KubernetesCrudDispatcher {

    private static final Pattern LOG_PATH =
            Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(?:\\?(.*))?$");

    private static final Pattern RESOURCE = Pattern.compile("^/(?:api/v1|apis/[^/]+/[^/]+)(?:/namespaces/[^/]+)?/([a-z]+)(/[^/?]+)?(/[a-z]+)?");

    /** The finalizer of an object whose foreground deletion waits for its dependents. */
    public static final String FOREGROUND_DELETION = "foregroundDeletion";

    /** One namespaced object (not a collection, not a subresource), and the query. */
    private static final Pattern OBJECT_PATH =
            Pattern.compile("^(/(?:api/v1|apis/[^/]+/[^/]+)/namespaces/[^/]+/[a-z0-9]+/[^/?]+)(?:\\?(.*))?$");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final ContainerLogs logs;
    private final Map<String, java.util.concurrent.atomic.LongAdder> requests = new java.util.concurrent.ConcurrentHashMap<>();

    public LogServingDispatcher(ContainerLogs logs) {
        this.logs = logs;
    }

    /** Requests served so far by method and resource ({@code GET pods}, {@code PUT jobs/status}, {@code LIST pods}, ...). */
    public Map<String, Long> requestCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        requests.forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        count(request);
        Matcher m = LOG_PATH.matcher(request.getPath());
        if ("GET".equals(request.getMethod()) && m.matches()) {
            return serveLog(m.group(1), m.group(2), query(m.group(3)));
        }
        if ("DELETE".equals(request.getMethod())) {
            Matcher object = OBJECT_PATH.matcher(request.getPath());
            if (object.matches() && foreground(request, query(object.group(2)))) {
                holdForDependents(object.group(1));
            }
        }
        return super.dispatch(request);
    }

    private static boolean foreground(RecordedRequest request, Map<String, String> query) {
        if ("Foreground".equals(query.get("propagationPolicy"))) {
            return true;
        }
        String body = request.getUtf8Body();
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            return "Foreground".equals(JSON.readTree(body).path("propagationPolicy").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** Adds the foregroundDeletion finalizer to an object not yet being deleted (the delete that follows then only marks it). */
    private void holdForDependents(String path) {
        MockResponse current = handleGet(path);
        if (current.code() != 200) {
            return;
        }
        com.fasterxml.jackson.databind.JsonNode metadata;
        try {
            metadata = JSON.readTree(current.getBody().readUtf8()).path("metadata");
        } catch (IOException e) {
            return;
        }
        com.fasterxml.jackson.databind.JsonNode finalizers = metadata.path("finalizers");
        if (!metadata.path("deletionTimestamp").isMissingNode() && !metadata.path("deletionTimestamp").isNull()) {
            return;
        }
        for (com.fasterxml.jackson.databind.JsonNode f : finalizers) {
            if (FOREGROUND_DELETION.equals(f.asText())) {
                return;
            }
        }
        String patch = finalizers.isArray()
                ? "[{\"op\":\"add\",\"path\":\"/metadata/finalizers/-\",\"value\":\"" + FOREGROUND_DELETION + "\"}]"
                : "[{\"op\":\"add\",\"path\":\"/metadata/finalizers\",\"value\":[\"" + FOREGROUND_DELETION + "\"]}]";
        handlePatch(new RecordedRequest("HTTP/1.1", io.fabric8.mockwebserver.dsl.HttpMethod.PATCH, path,
                io.fabric8.mockwebserver.http.Headers.builder().add("Content-Type", "application/json-patch+json").build(),
                new io.fabric8.mockwebserver.http.Buffer().writeUtf8(patch)));
    }

    private void count(RecordedRequest request) {
        Matcher r = RESOURCE.matcher(request.getPath());
        String what = r.find() ? r.group(1) + (r.group(3) == null ? "" : r.group(3)) : request.getPath();
        String verb = request.getMethod();
        if ("GET".equals(verb) && r.group(0) != null && r.group(2) == null) {
            verb = request.getPath().contains("watch=true") ? "WATCH" : "LIST";
        }
        requests.computeIfAbsent(verb + " " + what, k -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    private MockResponse serveLog(String namespace, String pod, Map<String, String> query) {
        MockResponse podResponse = handleGet("/api/v1/namespaces/" + namespace + "/pods/" + pod);
        if (podResponse.code() != 200) {
            return status(404, "NotFound", "pods \"" + pod + "\" not found");
        }
        List<String> containers = logs.containers(namespace, pod);
        String container = query.get("container");
        if (container == null) {
            if (containers.size() != 1) {
                return status(400, "BadRequest", "a container name must be specified for pod " + pod
                        + ", choose one of: " + containers);
            }
            container = containers.get(0);
        }
        if (!containers.contains(container)) {
            return status(400, "BadRequest", "container \"" + container + "\" in pod \"" + pod
                    + "\" is waiting to start: PodInitializing");
        }
        try {
            String text = logs.read(namespace, pod, container);
            text = tailLines(text, query.get("tailLines"));
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (query.containsKey("limitBytes")) {
                int limit = Integer.parseInt(query.get("limitBytes"));
                bytes = Arrays.copyOf(bytes, Math.min(limit, bytes.length));
            }
            return new MockResponse().setResponseCode(200)
                    .setHeader("Content-Type", "text/plain")
                    .setBody(bytes);
        } catch (IOException | NumberFormatException e) {
            return status(500, "InternalError", "reading the log of " + pod + "/" + container + ": " + e);
        }
    }

    private static String tailLines(String text, String tailLines) {
        if (tailLines == null) {
            return text;
        }
        int n = Integer.parseInt(tailLines);
        String[] lines = text.split("(?<=\n)");
        int from = Math.max(0, lines.length - n);
        return String.join("", Arrays.asList(lines).subList(from, lines.length));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private static MockResponse status(int code, String reason, String message) {
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":" + jsonString(message) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
