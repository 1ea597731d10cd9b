package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test API server's dispatcher: fabric8's CRUD dispatcher (the store), behind what a real API
 * server does that the store does not, so that in-JVM clients and the real {@code kubectl} get real
 * answers:
 * <ul>
 * <li>authentication by bearer token and a record of every request ({@link RequestLog});</li>
 * <li>discovery ({@link Discovery}) and OpenAPI v3 ({@link OpenApi}) for kubectl;</li>
 * <li>container logs, the one read a real API server proxies to the node; without this the CRUD
 * dispatcher answers {@code .../pods/{pod}/log} with a list of every object it holds;</li>
 * <li>the {@code /scale} subresource ({@link ScaleSubresource}); the store would save the Scale as the object;</li>
 * <li>strategic-merge patches ({@link StrategicMergePatch}) and server-side apply ({@link ServerSideApply}),
 * which the store refuses;</li>
 * <li>server-side Tables for {@code kubectl get} ({@link ServerSideTables});</li>
 * <li>watches over plain HTTP, as kubectl makes them ({@link HttpWatch}); the store serves WebSocket ones;</li>
 * <li>the API server's part of foreground cascading deletion, which the CRUD dispatcher ignores: a
 * delete with {@code propagationPolicy: Foreground} first gives the object the
 * {@code foregroundDeletion} finalizer, so the delete only marks it (deletionTimestamp); the garbage
 * collector deletes its dependents, then removes that finalizer.</li>
 * </ul>
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
    private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    private static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    private final ContainerLogs logs;
    private final RequestLog requestLog = new RequestLog();
    private final Authorizer authorizer = new Authorizer();
    private final StoredObjects store = new Store();
    private final Discovery discovery = new Discovery(store);
    private final OpenApi openApi = new OpenApi(discovery);
    private final ScaleSubresource scale = new ScaleSubresource(store);
    private final HttpWatch httpWatch = new HttpWatch(store);
    private final ServerSideApply serverSideApply = new ServerSideApply(store);
    private final ServerSideTables tables = new ServerSideTables(Clock.systemUTC());

    public LogServingDispatcher(ContainerLogs logs) {
        this.logs = logs;
    }

    /** Requests served so far by method and resource ({@code GET pods}, {@code PUT jobs/status}, {@code LIST pods}, ...). */
    public Map<String, Long> requestCounts() {
        return requestLog.counts();
    }

    /** From now on, requests of service accounts must be allowed by these RBAC rules (403 otherwise). */
    public void enforceRbac(io.kubejudge.testcluster.rbac.RbacRules rules) {
        authorizer.enforce(rules);
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        try {
            return serve(request);
        } catch (RuntimeException e) {
            // Thrown out of here, the mock never answers and the client hangs until its timeout.
            return status(500, "InternalError", "the test API server failed on " + request.getMethod() + " "
                    + request.getPath() + ": " + e);
        }
    }

    private MockResponse serve(RecordedRequest request) {
        String method = request.getMethod();
        String path = request.getPath();
        Optional<String> user = RequestLog.userOf(request.getHeader("Authorization"));
        if (user.isEmpty()) {
            return status(401, "Unauthorized", "Unauthorized: the test API server knows the tokens "
                    + RequestLog.ADMIN_TOKEN + " and " + RequestLog.SERVICE_ACCOUNT_TOKEN_PREFIX + "<namespace>:<serviceaccount>");
        }
        ApiRequest attributes = ApiRequest.of(user.get(), method, path);
        requestLog.record(attributes, countKey(request));
        Optional<String> forbidden = authorizer.deny(attributes);
        if (forbidden.isPresent()) {
            return status(403, "Forbidden", forbidden.get());
        }
        if (Authorizer.isRulesReview(attributes)) {
            try {
                return json(new StoredObjects.Response(201, authorizer.rulesReview(attributes, JSON.readTree(request.getUtf8Body()))));
            } catch (IOException e) {
                return status(400, "BadRequest", "the SelfSubjectRulesReview does not parse: " + e.getMessage());
            }
        }
        String bare = ApiPaths.withoutQuery(path);
        if (!attributes.isResourceRequest()) {
            return nonResource(method, bare, request.getHeader("Host"));
        }
        if (contentType(request).startsWith(PROTOBUF)) {
            return status(415, "UnsupportedMediaType", "the test API server reads JSON request bodies only, not "
                    + PROTOBUF + " (kubectl's typed commands such as `kubectl create namespace` send protobuf: "
                    + "use `kubectl apply -f` or `kubectl create -f` with a manifest)");
        }
        Matcher m = LOG_PATH.matcher(path);
        if ("GET".equals(method) && m.matches()) {
            return serveLog(m.group(1), m.group(2), query(m.group(3)));
        }
        boolean wantsTable = ServerSideTables.wantsTable(request.getHeader("Accept"));
        // Looked up only where needed: it reads (and parses) the CRDs, too costly for every request.
        Optional<ResourceType> type = "scale".equals(attributes.subresource()) || wantsTable
                ? discovery.resource(attributes.apiGroup(), version(bare), attributes.resource()) : Optional.empty();
        if ("scale".equals(attributes.subresource()) && type.isPresent() && type.get().scale() != null) {
            return json(scale.handle(method, bare.substring(0, bare.length() - "/scale".length()), type.get(),
                    request.getHeader("Content-Type"), request.getUtf8Body()));
        }
        if ("PATCH".equals(method) && attributes.name() != null && contentType(request).equals(APPLY_PATCH)) {
            return json(serverSideApply.apply(bare, attributes.subresource(), attributes.name(), attributes.namespace(),
                    request.getUtf8Body()));
        }
        if ("PATCH".equals(method) && attributes.name() != null && contentType(request).equals(STRATEGIC_MERGE_PATCH)) {
            return strategicMergePatch(bare, attributes, request.getUtf8Body());
        }
        if ("watch".equals(attributes.verb()) && attributes.name() == null && request.getHeader("Upgrade") == null) {
            UnaryOperator<JsonNode> view = type.isPresent() && wantsTable
                    ? object -> tables.table(type.get(), object) : UnaryOperator.identity();
            String body = httpWatch.events(bare, ApiPaths.queryOf(path), view);
            MockResponse response = new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(body);
            return body.isEmpty() ? response.setBodyDelay(HttpWatch.QUIET_WATCH) : response;
        }
        if ("get".equals(attributes.verb()) || "list".equals(attributes.verb())) {
            if (attributes.subresource() == null && type.isPresent() && wantsTable) {
                MockResponse stored = handleGet(path);
                if (stored.code() != 200) {
                    return stored;
                }
                return json(new StoredObjects.Response(200, tables.table(type.get(), read(stored))));
            }
        }
        if ("DELETE".equals(method)) {
            Matcher object = OBJECT_PATH.matcher(path);
            if (object.matches() && foreground(request, query(object.group(2)))) {
                holdForDependents(object.group(1));
            }
        }
        return super.dispatch(request);
    }

    private MockResponse nonResource(String method, String path, String host) {
        if (!"GET".equals(method)) {
            return status(405, "MethodNotAllowed", method + " is not allowed on " + path);
        }
        Optional<JsonNode> document = Optional.empty();
        if (Discovery.isDiscoveryPath(path)) {
            document = discovery.document(path, host == null ? "" : host);
        } else if (OpenApi.isOpenApiPath(path)) {
            document = openApi.document(path);
        }
        return document.map(d -> json(new StoredObjects.Response(200, d)))
                .orElseGet(() -> status(404, "NotFound", "the server could not find the requested resource"));
    }

    /** Reads the object, applies the patch, writes it back (a status patch writes the status subresource). */
    private MockResponse strategicMergePatch(String path, ApiRequest attributes, String body) {
        String objectPath = attributes.subresource() == null ? path : path.substring(0, path.lastIndexOf('/'));
        Optional<JsonNode> current = store.get(objectPath);
        if (current.isEmpty()) {
            return status(404, "NotFound", attributes.resource() + " \"" + attributes.name() + "\" not found");
        }
        JsonNode patched;
        try {
            patched = StrategicMergePatch.apply(current.get(), JSON.readTree(body));
        } catch (IOException | RuntimeException e) {
            return status(400, "BadRequest", "the strategic-merge patch does not parse: " + e.getMessage());
        }
        return json(store.put(path, patched));
    }

    private static String version(String path) {
        String[] s = path.split("/");
        return s[1].equals("api") ? s[2] : s[3];
    }

    private static String contentType(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        return type == null ? "" : type.split(";")[0].trim();
    }

    private static JsonNode read(MockResponse response) {
        try {
            return JSON.readTree(response.getBody().readUtf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse json(StoredObjects.Response response) {
        return new MockResponse().setResponseCode(response.code()).setHeader("Content-Type", "application/json")
                .setBody(response.body().toString());
    }

    /** The CRUD store, as the handlers that need to read and write around it see it. */
    private final class Store implements StoredObjects {

        @Override
        public Optional<JsonNode> get(String path) {
            MockResponse response = handleGet(path);
            return response.code() == 200 ? Optional.of(read(response)) : Optional.empty();
        }

        @Override
        public Response post(String collectionPath, JsonNode object) {
            MockResponse response = handleCreate(new RecordedRequest("HTTP/1.1", io.fabric8.mockwebserver.dsl.HttpMethod.POST,
                    collectionPath, io.fabric8.mockwebserver.http.Headers.builder().add("Content-Type", "application/json").build(),
                    new io.fabric8.mockwebserver.http.Buffer().writeUtf8(object.toString())));
            return new Response(response.code(), read(response));
        }

        @Override
        public Response put(String path, JsonNode object) {
            MockResponse response = handleUpdate(new RecordedRequest("HTTP/1.1", io.fabric8.mockwebserver.dsl.HttpMethod.PUT,
                    path, io.fabric8.mockwebserver.http.Headers.builder().add("Content-Type", "application/json").build(),
                    new io.fabric8.mockwebserver.http.Buffer().writeUtf8(object.toString())));
            return new Response(response.code(), read(response));
        }
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

    /** The key of {@link RequestLog#counts()}: method (LIST/WATCH for collection reads) and resource. */
    private static String countKey(RecordedRequest request) {
        Matcher r = RESOURCE.matcher(request.getPath());
        boolean resource = r.find();
        String what = resource ? r.group(1) + (r.group(3) == null ? "" : r.group(3)) : ApiPaths.withoutQuery(request.getPath());
        String verb = request.getMethod();
        if ("GET".equals(verb) && resource && r.group(2) == null) {
            verb = request.getPath().contains("watch=true") ? "WATCH" : "LIST";
        }
        return verb + " " + what;
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
        return ApiPaths.query(raw);
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
