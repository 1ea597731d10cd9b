package io.kubejudge.operator.externalmetrics;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTPS server asks every client for a certificate but lets the handshake through without one or
 * with one the TLS layer cannot judge ({@code ClientAuth.REQUEST}), as Kubernetes' own API servers do
 * ({@code tls.RequestClientCert}): the CA that signs kube-apiserver's front-proxy certificate is read
 * from the cluster at run time and may change, so {@link FrontProxyAuthentication} verifies the chain
 * per request and answers 401 when it does not hold. The TLS layer still proves that the client owns
 * the certificate's key (its CertificateVerify signature), which this trust manager does not affect.
 */
@ApplicationScoped
public class ClientCertificateRequest implements HttpServerOptionsCustomizer {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setClientAuth(ClientAuth.REQUEST);
        options.setTrustOptions(TrustOptions.wrap(new VerifiedPerRequest()));
    }

    /** Accepts any client chain at the handshake; never used for server certificates. */
    static final class VerifiedPerRequest extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a trust manager for client certificates only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a trust manager for client certificates only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a trust manager for client certificates only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return NO_ISSUERS;
        }
    }
}
