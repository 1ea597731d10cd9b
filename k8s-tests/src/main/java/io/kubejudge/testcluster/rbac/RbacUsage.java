package io.kubejudge.testcluster.rbac;

import io.kubejudge.testcluster.apiserver.ApiRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "RBAC exactly enough" for one service account: every request it made is allowed by the rendered
 * rules (else the test API server answered 403), and every rule granted to it allows some request
 * it made — except the rule-verb pairs excused with a reason (paths the scenario cannot reach).
 */
public final class RbacUsage {

    /** A rule's verb on a resource that the scenario need not use, and why. */
    public record Excused(String verb, String apiGroup, String resource, String reason) {
    }

    private RbacUsage() {
    }

    /** The requests no rule allows (403s), one line each. */
    public static List<String> refused(RbacRules rules, String user, List<ApiRequest> requests) {
        List<String> refused = new ArrayList<>();
        for (ApiRequest r : requests) {
            if (r.isResourceRequest() && !allowedToEveryone(r) && rules.allowing(user, r.verb(), r.apiGroup(), r.resource(), r.subresource(),
                    r.namespace(), r.name()).isEmpty()) {
                refused.add(r.toString());
            }
        }
        return refused.stream().distinct().toList();
    }

    /**
     * What Kubernetes' system:basic-user ClusterRole grants every authenticated user: reviews of its own
     * rights (java-operator-sdk asks a SelfSubjectRulesReview before it uses a Lease).
     */
    private static boolean allowedToEveryone(ApiRequest r) {
        return "create".equals(r.verb()) && "authorization.k8s.io".equals(r.apiGroup())
                && List.of("selfsubjectrulesreviews", "selfsubjectaccessreviews").contains(r.resource());
    }

    /**
     * Each (rule, verb, resource) of the user's grants that no request used and no excuse covers. A rule
     * is checked per verb and resource so that a verb nobody needs cannot hide beside one that is used.
     * The same rule of the same role granted in several namespaces (a Role per watched namespace) counts
     * once: used when a request in any of those namespaces used it.
     */
    public static List<String> unused(RbacRules rules, String user, List<ApiRequest> requests, List<Excused> excused) {
        Map<String, List<RbacRules.Grant>> sameRule = new LinkedHashMap<>();
        for (RbacRules.Grant g : rules.grantsOf(user)) {
            sameRule.computeIfAbsent(g.role() + " " + g.rule(), k -> new ArrayList<>()).add(g);
        }
        List<String> unused = new ArrayList<>();
        for (List<RbacRules.Grant> grants : sameRule.values()) {
            RbacRules.Grant first = grants.get(0);
            for (String group : first.rule().getApiGroups()) {
                for (String resource : first.rule().getResources()) {
                    for (String verb : first.rule().getVerbs()) {
                        boolean used = requests.stream().filter(ApiRequest::isResourceRequest).anyMatch(r ->
                                verb.equals(r.verb()) && group.equals(r.apiGroup() == null ? "" : r.apiGroup())
                                        && resource.equals(r.resourceAndSubresource())
                                        && grants.stream().anyMatch(g -> g.scope() == null || g.scope().equals(r.namespace())));
                        boolean isExcused = excused.stream().anyMatch(e -> e.verb().equals(verb)
                                && e.apiGroup().equals(group) && e.resource().equals(resource));
                        if (!used && !isExcused) {
                            unused.add(first.role() + ": " + verb + " " + (group.isEmpty() ? "" : group + "/") + resource);
                        }
                    }
                }
            }
        }
        return unused;
    }

    /** Verb and resource counts of the requests, for the failure message. */
    public static Map<String, Integer> summary(List<ApiRequest> requests) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        requests.stream().filter(ApiRequest::isResourceRequest).forEach(r -> counts.merge(
                r.verb() + " " + (r.apiGroup() == null || r.apiGroup().isEmpty() ? "" : r.apiGroup() + "/")
                        + r.resourceAndSubresource() + (r.namespace() == null ? "" : " in " + r.namespace()), 1, Integer::sum));
        return counts;
    }
}
