package io.kubejudge.testcluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubejudge.testcluster.rbac.RbacRules;
import java.util.List;
import java.util.Optional;

/**
 * The API server's authorization step for service accounts: once RBAC objects are installed
 * ({@link #enforce(RbacRules)}, e.g. a rendered chart's), a request by a service account that no
 * rule allows is refused with 403, as kube-apiserver's RBAC authorizer does. Other callers (the
 * test's admin token, anonymous in-JVM clients) are not checked: they play cluster-admin.
 * Also answers SelfSubjectRulesReview (which every authenticated user may create, through
 * Kubernetes' {@code system:basic-user}) with the caller's rules: java-operator-sdk asks it before it
 * uses a leader-election Lease.
 */
final class Authorizer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE_ACCOUNT = "system:serviceaccount:";

    private volatile RbacRules rules;

    void enforce(RbacRules rules) {
        this.rules = rules;
    }

    /** Empty when allowed; else the reason, worded as kube-apiserver words it. */
    Optional<String> deny(ApiRequest request) {
        RbacRules current = rules;
        if (current == null || !request.user().startsWith(SERVICE_ACCOUNT) || !request.isResourceRequest()
                || isRulesReview(request)) {
            return Optional.empty();
        }
        if (!current.allowing(request.user(), request.verb(), request.apiGroup(), request.resource(), request.subresource(),
                request.namespace(), request.name()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(request.resourceAndSubresource() + (request.name() == null ? "" : " \"" + request.name() + "\"")
                + " is forbidden: User \"" + request.user() + "\" cannot " + request.verb() + " resource \""
                + request.resourceAndSubresource() + "\" in API group \"" + request.apiGroup() + "\""
                + (request.namespace() == null ? " at the cluster scope" : " in the namespace \"" + request.namespace() + "\""));
    }

    static boolean isRulesReview(ApiRequest request) {
        return "create".equals(request.verb()) && "authorization.k8s.io".equals(request.apiGroup())
                && "selfsubjectrulesreviews".equals(request.resource());
    }

    /** The review with its status: the caller's rules in the namespace asked about (everything when not enforcing). */
    JsonNode rulesReview(ApiRequest request, JsonNode review) {
        ObjectNode answer = review.isObject() ? ((ObjectNode) review).deepCopy() : JSON.createObjectNode();
        answer.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectRulesReview");
        String namespace = review.path("spec").path("namespace").asText(null);
        ObjectNode status = answer.putObject("status");
        status.put("incomplete", false);
        status.putArray("nonResourceRules");
        ArrayNode resourceRules = status.putArray("resourceRules");
        RbacRules current = rules;
        if (current == null || !request.user().startsWith(SERVICE_ACCOUNT)) {
            resourceRules.add(rule(List.of("*"), List.of("*"), List.of("*"), List.of()));
            return answer;
        }
        for (RbacRules.Grant g : current.grantsOf(request.user())) {
            if (g.scope() == null || g.scope().equals(namespace)) {
                PolicyRule r = g.rule();
                resourceRules.add(rule(r.getVerbs(), r.getApiGroups(), r.getResources(), r.getResourceNames()));
            }
        }
        return answer;
    }

    private static ObjectNode rule(List<String> verbs, List<String> groups, List<String> resources, List<String> names) {
        ObjectNode rule = JSON.createObjectNode();
        verbs.forEach(rule.putArray("verbs")::add);
        groups.forEach(rule.putArray("apiGroups")::add);
        resources.forEach(rule.putArray("resources")::add);
        if (names != null && !names.isEmpty()) {
            names.forEach(rule.putArray("resourceNames")::add);
        }
        return rule;
    }
}
