package io.kubejudge.operator.externalmetrics;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.cert.CertPathValidator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Kubernetes' request-header authentication, as an aggregated API server must do it: a request is
 * kube-apiserver's (its front proxy's) only when it comes with a TLS client certificate that chains to
 * the {@code requestheader-client-ca-file} CA, may be used for client authentication, and has a common
 * name among {@code requestheader-allowed-names} (any, when that list is empty). Only then are the
 * user headers believed: the name from the first username header that has a value, the uid likewise,
 * every value of every group header, and the extra attributes from the headers with an extra prefix
 * (key lower-cased and unescaped). Anything else is unauthenticated.
 */
public final class FrontProxyAuthentication {

    /** The request is not from an authenticated front proxy, or names no user; the message says why. */
    public static final class Unauthenticated extends Exception {
        public Unauthenticated(String message) {
            super(message);
        }
    }

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";

    private final ExtensionApiserverAuthentication source;
    private final Clock clock;

    public FrontProxyAuthentication(ExtensionApiserverAuthentication source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /**
     * @param chain   the TLS peer's certificates, leaf first (empty: none was presented)
     * @param headers the request's headers, names lower-cased
     */
    public RemoteUser authenticate(List<X509Certificate> chain, Map<String, List<String>> headers) throws Unauthenticated {
        if (chain.isEmpty()) {
            throw new Unauthenticated("no client certificate: only kube-apiserver's front proxy may call this API");
        }
        RequestHeaderSettings settings;
        try {
            settings = source.current();
        } catch (IllegalStateException e) {
            throw new Unauthenticated("cannot authenticate the front proxy: " + e.getMessage());
        }
        X509Certificate leaf = chain.get(0);
        verify(chain, settings);
        String commonName = commonName(leaf);
        if (!settings.allowedNames().isEmpty() && !settings.allowedNames().contains(commonName)) {
            throw new Unauthenticated("client certificate CN \"" + commonName + "\" is not among requestheader-allowed-names "
                    + settings.allowedNames());
        }
        String name = first(settings.usernameHeaders(), headers);
        if (name == null) {
            throw new Unauthenticated("the front proxy sent no user (headers " + settings.usernameHeaders() + ")");
        }
        List<String> groups = new ArrayList<>();
        for (String header : settings.groupHeaders()) {
            groups.addAll(headers.getOrDefault(header.toLowerCase(Locale.ROOT), List.of()));
        }
        Map<String, List<String>> extra = new LinkedHashMap<>();
        for (String prefix : settings.extraHeaderPrefixes()) {
            String p = prefix.toLowerCase(Locale.ROOT);
            headers.forEach((header, values) -> {
                if (header.startsWith(p) && header.length() > p.length()) {
                    String key = URLDecoder.decode(header.substring(p.length()), StandardCharsets.UTF_8);
                    extra.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
                }
            });
        }
        return new RemoteUser(name, first(settings.uidHeaders(), headers), List.copyOf(groups), extra);
    }

    private void verify(List<X509Certificate> chain, RequestHeaderSettings settings) throws Unauthenticated {
        Set<TrustAnchor> anchors = settings.clientCa().stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
        // The path to validate ends below the anchor: a peer that also sends the CA after its own
        // certificate is not wrong. Its own certificate is always validated, even if it is the CA's.
        List<X509Certificate> path = new ArrayList<>(List.of(chain.get(0)));
        chain.stream().skip(1).filter(c -> !settings.clientCa().contains(c)).forEach(path::add);
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            List<String> usages = chain.get(0).getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
                throw new Unauthenticated("the client certificate is not for client authentication (extended key usage " + usages + ")");
            }
        } catch (GeneralSecurityException e) {
            throw new Unauthenticated("the client certificate " + chain.get(0).getSubjectX500Principal().getName()
                    + " is not signed by the front proxy's CA (requestheader-client-ca-file): " + e.getMessage());
        }
    }

    private static String first(List<String> names, Map<String, List<String>> headers) {
        for (String name : names) {
            for (String value : headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of())) {
                if (!value.isEmpty()) {
                    return value;
                }
            }
        }
        return null;
    }

    static String commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return "";
        } catch (InvalidNameException e) {
            return "";
        }
    }
}
