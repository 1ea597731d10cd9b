package io.kubejudge.operator.externalmetrics;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call the external metrics API: the request must come from kube-apiserver's front proxy
 * ({@link FrontProxyAuthentication}, else 401) for a user kube-apiserver allows the request
 * ({@link DelegatedAuthorization}, else 403) — what every aggregated API server checks, since its
 * Service can be reached from inside the cluster without going through kube-apiserver.
 */
public final class AggregatedApiAccess {

    private static final Logger LOG = LoggerFactory.getLogger(AggregatedApiAccess.class);

    private final FrontProxyAuthentication authentication;
    private final DelegatedAuthorization authorization;

    public AggregatedApiAccess(FrontProxyAuthentication authentication, DelegatedAuthorization authorization) {
        this.authentication = authentication;
        this.authorization = authorization;
    }

    /** Empty when the request may be served; else the refusal to send. */
    public Optional<ExternalMetricsApi.Response> refusal(List<X509Certificate> chain, Map<String, List<String>> headers,
                                                         String method, String path) {
        RemoteUser user;
        try {
            user = authentication.authenticate(chain, headers);
        } catch (FrontProxyAuthentication.Unauthenticated e) {
            LOG.debug("external metrics {} {}: 401 {}", method, path, e.getMessage());
            return Optional.of(ExternalMetricsApi.status(401, "Unauthorized", "Unauthorized: " + e.getMessage()));
        }
        DelegatedAuthorization.Decision decision = authorization.authorize(user, method, path);
        if (!decision.allowed()) {
            LOG.debug("external metrics {} {} for {}: 403 {}", method, path, user.name(), decision.reason());
            return Optional.of(ExternalMetricsApi.status(403, "Forbidden",
                    DelegatedAuthorization.forbidden(user, method, path, decision.reason())));
        }
        return Optional.empty();
    }
}
