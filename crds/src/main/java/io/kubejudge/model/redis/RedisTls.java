package io.kubejudge.model.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to Redis, the same for the operator and the API ({@code kubejudge.redis.tls.*}): on or off,
 * the CA that signed Redis' certificate (a PEM file, e.g. the chart's mounted Secret; absent: the
 * JVM's trust store), and whether the certificate must name the host connected to.
 *
 * @param enabled        connect with TLS (Redis' {@code --tls-port}); false: plain TCP
 * @param caFile         PEM file of the CA certificate(s) to trust; null: the JVM's default trust store
 * @param verifyHostname check that the certificate names the Redis host (true unless the
 *                       certificate cannot name it, e.g. a Service reached by several names)
 */
public record RedisTls(boolean enabled, String caFile, boolean verifyHostname) {

    public static final RedisTls OFF = new RedisTls(false, null, true);

    public RedisTls {
        caFile = caFile == null || caFile.isBlank() ? null : caFile;
    }

    /** The socket factory trusting {@link #caFile}, or the default one; a clear error for an unusable CA file. */
    public SSLSocketFactory socketFactory() {
        if (caFile == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try (InputStream in = Files.newInputStream(Path.of(caFile))) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalStateException("kubejudge.redis.tls.ca-file " + caFile + " holds no PEM certificate");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                trust.setCertificateEntry("redis-ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("kubejudge.redis.tls.ca-file " + caFile + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** Parameters that make the TLS handshake check the host name, when {@link #verifyHostname}. */
    public SSLParameters parameters() {
        SSLParameters p = new SSLParameters();
        if (verifyHostname) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return p;
    }

    @Override
    public String toString() {
        return enabled ? "tls(ca=" + (caFile == null ? "jvm default" : caFile) + (verifyHostname ? "" : ", no hostname check") + ")"
                : "plain";
    }
}
