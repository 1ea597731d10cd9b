package io.kubejudge.operator.externalmetrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How kube-apiserver's front proxy (the aggregation layer) identifies itself and the user it forwards,
 * as kube-apiserver publishes it in the ConfigMap {@code kube-system/extension-apiserver-authentication}
 * (from its {@code --requestheader-*} flags): the CA that signs the proxy's client certificate, the
 * common names a proxy certificate may have (empty: any the CA signed), and the headers that carry the
 * user's name, uid, groups and extra attributes. The list-valued keys hold JSON arrays.
 */
public record RequestHeaderSettings(List<X509Certificate> clientCa, List<String> allowedNames, List<String> usernameHeaders,
                                    List<String> uidHeaders, List<String> groupHeaders, List<String> extraHeaderPrefixes) {

    public static final String NAMESPACE = "kube-system";
    public static final String CONFIG_MAP = "extension-apiserver-authentication";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws IllegalArgumentException naming the key that is missing or does not parse (a cluster without
     *                                  an aggregation layer has no {@code requestheader-client-ca-file})
     */
    public static RequestHeaderSettings parse(Map<String, String> data) {
        Map<String, String> d = data == null ? Map.of() : data;
        String ca = d.get("requestheader-client-ca-file");
        if (ca == null || ca.isBlank()) {
            throw new IllegalArgumentException(NAMESPACE + "/" + CONFIG_MAP + " has no requestheader-client-ca-file: kube-apiserver"
                    + " runs without --requestheader-client-ca-file, so no front proxy can be authenticated");
        }
        List<String> usernameHeaders = list(d, "requestheader-username-headers");
        if (usernameHeaders.isEmpty()) {
            throw new IllegalArgumentException(NAMESPACE + "/" + CONFIG_MAP + ": requestheader-username-headers is empty");
        }
        return new RequestHeaderSettings(certificates(ca), list(d, "requestheader-allowed-names"), usernameHeaders,
                list(d, "requestheader-uid-headers"), list(d, "requestheader-group-headers"),
                list(d, "requestheader-extra-headers-prefix"));
    }

    private static List<String> list(Map<String, String> data, String key) {
        String raw = data.get(key);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(raw);
            if (!node.isArray()) {
                throw new IllegalArgumentException(NAMESPACE + "/" + CONFIG_MAP + ": " + key + " is not a JSON array: " + raw);
            }
            List<String> out = new ArrayList<>();
            node.forEach(n -> out.add(n.asText()));
            return List.copyOf(out);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(NAMESPACE + "/" + CONFIG_MAP + ": " + key + " is not a JSON array: " + raw, e);
        }
    }

    private static List<X509Certificate> certificates(String pem) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .forEach(c -> out.add((X509Certificate) c));
            if (out.isEmpty()) {
                throw new IllegalArgumentException(NAMESPACE + "/" + CONFIG_MAP + ": requestheader-client-ca-file holds no certificate");
            }
            return List.copyOf(out);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(NAMESPACE + "/" + CONFIG_MAP + ": requestheader-client-ca-file does not parse: "
                    + e.getMessage(), e);
        }
    }
}
