package io.kubejudge.testcluster.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Who asked the test API server for what: every request attributed to the user its bearer token
 * stands for (see {@link #userOf}), with its RBAC attributes, so a test can check what a component
 * really needs (its Role) against what it did. Also keeps the cheap per-resource counts the
 * benchmarks print.
 */
public final class RequestLog {

    /** kubectl's token in the test kubeconfig; the user is named like the token. */
    public static final String ADMIN_TOKEN = "kubejudge-test-admin";
    public static final String ADMIN_USER = "kubejudge-test-admin";
    /** Token prefix of a ServiceAccount: {@code kubejudge-test:<namespace>:<serviceaccount>}. */
    public static final String SERVICE_ACCOUNT_TOKEN_PREFIX = "kubejudge-test:";
    public static final String ANONYMOUS = "system:anonymous";
    /** The token fabric8's {@code KubernetesMockServer.createClient()} sends: a placeholder, so no credentials. */
    static final String MOCK_CLIENT_PLACEHOLDER_TOKEN = "secret";

    private final ConcurrentLinkedQueue<ApiRequest> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** The test token of a ServiceAccount, as the kubelet stand-in mounts it into pods. */
    public static String serviceAccountToken(String namespace, String serviceAccount) {
        return SERVICE_ACCOUNT_TOKEN_PREFIX + namespace + ":" + serviceAccount;
    }

    /**
     * The user a bearer token authenticates (empty for a token the server does not know, which a real
     * API server answers with 401): no token (or the mock client's placeholder) is {@code system:anonymous}, the admin token is
     * {@value #ADMIN_USER}, a ServiceAccount token is {@code system:serviceaccount:<ns>:<name>}.
     */
    public static Optional<String> userOf(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return Optional.of(ANONYMOUS);
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(7).trim();
        if (token.equals(MOCK_CLIENT_PLACEHOLDER_TOKEN)) {
            return Optional.of(ANONYMOUS);
        }
        if (token.equals(ADMIN_TOKEN)) {
            return Optional.of(ADMIN_USER);
        }
        if (token.startsWith(SERVICE_ACCOUNT_TOKEN_PREFIX)) {
            String[] parts = token.substring(SERVICE_ACCOUNT_TOKEN_PREFIX.length()).split(":", -1);
            if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                return Optional.of("system:serviceaccount:" + parts[0] + ":" + parts[1]);
            }
        }
        return Optional.empty();
    }

    void record(ApiRequest request, String countKey) {
        requests.add(request);
        counts.computeIfAbsent(countKey, k -> new LongAdder()).increment();
    }

    /** Every request so far, in arrival order. */
    public List<ApiRequest> all() {
        return new ArrayList<>(requests);
    }

    public List<ApiRequest> byUser(String user) {
        return matching(r -> r.user().equals(user));
    }

    public List<ApiRequest> matching(Predicate<ApiRequest> filter) {
        return requests.stream().filter(filter).toList();
    }

    /** Requests so far by method and resource ({@code GET pods}, {@code PUT jobs/status}, {@code LIST pods}, ...). */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }

    /** The counts: what a scenario cost the API server, for logs. */
    @Override
    public String toString() {
        return counts().toString();
    }
}
