package io.kubejudge.operator.externalmetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-apiserver's answer to a SubjectAccessReview (the mock API server in CRUD mode would only echo
 * it), decided by Kubernetes' RBAC rules for the parts of its bootstrap policy an external metrics
 * request meets: the ClusterRole {@code system:controller:horizontal-pod-autoscaler} (list on every
 * resource of {@code external.metrics.k8s.io}) bound to the HPA controller's service account
 * {@code kube-system/horizontal-pod-autoscaler} (kube-controller-manager's
 * {@code --use-service-account-credentials}), and {@code system:discovery} (get on {@code /apis},
 * {@code /apis/*}, {@code /openapi}, {@code /openapi/*}) bound to group {@code system:authenticated}.
 * Nobody else is allowed anything; the reason of a denial names the attributes asked about.
 */
final class SubjectAccessReviewStandIn {

    static final String HPA_USER = "system:serviceaccount:kube-system:horizontal-pod-autoscaler";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One RBAC rule bound to a user or group. */
    private record Grant(String user, String group, List<String> verbs, List<String> apiGroups, List<String> resources,
                         List<String> nonResourceUrls) {
    }

    private static final List<Grant> BOOTSTRAP = List.of(
            new Grant(HPA_USER, null, List.of("list"), List.of("external.metrics.k8s.io"), List.of("*"), List.of()),
            new Grant(null, "system:authenticated", List.of("get"), List.of(), List.of(),
                    List.of("/apis", "/apis/*", "/openapi", "/openapi/*")));

    private SubjectAccessReviewStandIn() {
    }

    /** The review as kube-apiserver returns it: the request with its status. */
    static String answer(String requestBody) {
        try {
            ObjectNode review = (ObjectNode) JSON.readTree(requestBody);
            JsonNode spec = review.path("spec");
            String user = spec.path("user").asText();
            List<String> groups = new ArrayList<>();
            spec.path("groups").forEach(g -> groups.add(g.asText()));
            boolean allowed = BOOTSTRAP.stream().anyMatch(g -> (user.equals(g.user()) || groups.contains(g.group())) && allows(g, spec));
            ObjectNode status = review.putObject("status").put("allowed", allowed);
            if (!allowed) {
                status.put("reason", "no RBAC rule allows " + describe(spec));
            } else {
                status.put("reason", "RBAC: allowed");
            }
            return review.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean allows(Grant g, JsonNode spec) {
        JsonNode r = spec.path("resourceAttributes");
        if (!r.isMissingNode()) {
            return matches(g.verbs(), r.path("verb").asText()) && matches(g.apiGroups(), r.path("group").asText())
                    && matches(g.resources(), r.path("resource").asText());
        }
        JsonNode n = spec.path("nonResourceAttributes");
        String path = n.path("path").asText();
        return matches(g.verbs(), n.path("verb").asText()) && g.nonResourceUrls().stream().anyMatch(u ->
                u.endsWith("*") ? path.startsWith(u.substring(0, u.length() - 1)) : path.equals(u));
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed.contains("*") || allowed.contains(value);
    }

    private static String describe(JsonNode spec) {
        JsonNode r = spec.path("resourceAttributes");
        if (!r.isMissingNode()) {
            return r.path("verb").asText() + " " + r.path("resource").asText() + "." + r.path("group").asText()
                    + " in namespace " + r.path("namespace").asText() + " to " + spec.path("user").asText();
        }
        return spec.path("nonResourceAttributes").path("verb").asText() + " " + spec.path("nonResourceAttributes").path("path").asText()
                + " to " + spec.path("user").asText();
    }
}
