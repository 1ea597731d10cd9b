package io.kubejudge.operator.externalmetrics;

import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Delegated authorization, as an aggregated API server does it: kube-apiserver decides whether the
 * forwarded user may make the request, asked with a SubjectAccessReview (the chart's binding to
 * {@code system:auth-delegator} allows creating them). The request's attributes are those kube-apiserver
 * derives from a path: {@code /apis/<group>/<version>/namespaces/<ns>/<resource>[/<name>]} is a
 * resource request (verb {@code list} without a name, {@code get} with one), so the HPA's read of
 * {@code kubejudge_queue_depth} is "list kubejudge_queue_depth.external.metrics.k8s.io in the pool's
 * namespace" (Kubernetes' {@code system:controller:horizontal-pod-autoscaler} role grants list on every
 * external metric); discovery ({@code /apis}, the group, the version, {@code /openapi/v2}) is a
 * non-resource request on the path.
 */
public final class DelegatedAuthorization {

    /** The decision; {@code reason} is the API server's, or says why it could not be asked. */
    public record Decision(boolean allowed, String reason) {
    }

    private final KubernetesClient client;

    public DelegatedAuthorization(KubernetesClient client) {
        this.client = client;
    }

    public Decision authorize(RemoteUser user, String method, String path) {
        SubjectAccessReviewBuilder review = new SubjectAccessReviewBuilder().withNewSpec()
                .withUser(user.name()).withUid(user.uid()).withGroups(user.groups())
                .withExtra(user.extra().isEmpty() ? null : user.extra()).endSpec();
        ResourceAttributes resource = resourceAttributes(method, path);
        if (resource != null) {
            review.editSpec().withResourceAttributes(resource).endSpec();
        } else {
            review.editSpec().withNonResourceAttributes(new NonResourceAttributesBuilder()
                    .withPath(path).withVerb(method.toLowerCase(Locale.ROOT)).build()).endSpec();
        }
        SubjectAccessReview answer;
        try {
            answer = client.authorization().v1().subjectAccessReview().create(review.build());
        } catch (RuntimeException e) {
            return new Decision(false, "the SubjectAccessReview failed: " + e.getMessage());
        }
        boolean allowed = answer != null && answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
        String reason = answer == null || answer.getStatus() == null ? "" : answer.getStatus().getReason();
        return new Decision(allowed, reason == null ? "" : reason);
    }

    /** kube-apiserver's request attributes for an {@code /apis} path, or null for a non-resource request. */
    static ResourceAttributes resourceAttributes(String method, String path) {
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (parts.size() < 4 || !parts.get(0).equals("apis")) {
            return null;
        }
        List<String> rest = parts.subList(3, parts.size());
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String name = rest.size() > 1 ? rest.get(1) : null;
        String verb = method.equals("GET") ? (name == null ? "list" : "get") : method.toLowerCase(Locale.ROOT);
        return new ResourceAttributesBuilder().withGroup(parts.get(1)).withVersion(parts.get(2)).withNamespace(namespace)
                .withResource(rest.get(0)).withName(name).withSubresource(rest.size() > 2 ? rest.get(2) : null).withVerb(verb).build();
    }

    /** kube-apiserver's wording of a refusal. */
    static String forbidden(RemoteUser user, String method, String path, String reason) {
        ResourceAttributes r = resourceAttributes(method, path);
        String what = r == null
                ? "User \"" + user.name() + "\" cannot " + method.toLowerCase(Locale.ROOT) + " path \"" + path + "\""
                : r.getResource() + "." + r.getGroup() + " is forbidden: User \"" + user.name() + "\" cannot " + r.getVerb()
                        + " resource \"" + r.getResource() + "\" in API group \"" + r.getGroup() + "\""
                        + (r.getNamespace() == null ? " at the cluster scope" : " in the namespace \"" + r.getNamespace() + "\"");
        return reason == null || reason.isEmpty() ? what : what + ": " + reason;
    }
}
