package io.kubejudge.operator.externalmetrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Certificates made with the real {@code openssl}, once per test JVM: the operator's serving
 * certificate as the chart makes it (Helm's {@code genCA} and {@code genSignedCert}: RSA 2048, a
 * PKCS#1 key, the Service's DNS names), a front-proxy CA as kube-apiserver's
 * {@code --requestheader-client-ca-file} with client certificates it signed, and a second CA nobody
 * trusts.
 */
final class TestCertificates {

    static final String SERVICE_DNS = "kubejudge-operator.kubejudge.svc";
    static final String PROXY_NAME = "front-proxy-client";
    static final char[] PASSWORD = "changeit".toCharArray();

    private static TestCertificates instance;

    final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * The directory, once made, is named in a system property: Quarkus loads this class again in the
     * application's class loader (the test profile and the test instance see different statics), and
     * both must see the same certificates.
     */
    private static final String DIR_PROPERTY = "kubejudge.test.tls-dir";

    static synchronized TestCertificates get() {
        if (instance == null && System.getProperty(DIR_PROPERTY) != null) {
            instance = new TestCertificates(Path.of(System.getProperty(DIR_PROPERTY)));
        }
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("kubejudge-tls");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (var files = Files.walk(dir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    } catch (IOException e) {
                        // a temporary directory left behind
                    }
                }));
                TestCertificates c = new TestCertificates(dir);
                c.ca("serving-ca", "kubejudge-external-metrics-ca");
                c.leaf("tls", "serving-ca", SERVICE_DNS, "serverAuth, clientAuth",
                        "DNS:kubejudge-operator,DNS:kubejudge-operator.kubejudge,DNS:" + SERVICE_DNS, true);
                c.ca("front-proxy-ca", "front-proxy-ca");
                c.leaf("front-proxy", "front-proxy-ca", PROXY_NAME, "clientAuth", null, false);
                c.leaf("not-a-proxy", "front-proxy-ca", "someone-else", "clientAuth", null, false);
                c.leaf("server-only", "front-proxy-ca", PROXY_NAME, "serverAuth", null, false);
                c.ca("other-ca", "front-proxy-ca");
                c.leaf("other-proxy", "other-ca", PROXY_NAME, "clientAuth", null, false);
                instance = c;
                System.setProperty(DIR_PROPERTY, dir.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    String pem(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    X509Certificate certificate(String name) {
        try (InputStream in = Files.newInputStream(file(name + ".crt"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key store holding the client certificate {@code name} (signed by {@code caName}) and its key. */
    KeyStore clientKeyStore(String name, String caName) {
        try {
            String pem = pem(name + ".key");
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, PASSWORD, new Certificate[] {certificate(name), certificate(caName)});
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void ca(String name, String commonName) throws IOException {
        Path config = dir.resolve(name + ".cnf");
        Files.writeString(config, "[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\n"
                + "keyUsage=critical,keyCertSign,digitalSignature,keyEncipherment\nsubjectKeyIdentifier=hash\n");
        openssl("genrsa", "-traditional", "-out", name + ".key", "2048");
        openssl("req", "-new", "-x509", "-key", name + ".key", "-out", name + ".crt", "-days", "30", "-subj", "/CN=" + commonName,
                "-config", config.toString(), "-extensions", "v3");
    }

    /** Helm's keys are PKCS#1 ({@code pkcs1}); the test's client keys PKCS#8, which the JDK reads. */
    private void leaf(String name, String caName, String commonName, String usages, String altNames, boolean pkcs1) throws IOException {
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, "[v3]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=" + usages + "\n" + (altNames == null ? "" : "subjectAltName=" + altNames + "\n"));
        if (pkcs1) {
            openssl("genrsa", "-traditional", "-out", name + ".key", "2048");
        } else {
            openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", name + ".key");
        }
        openssl("req", "-new", "-key", name + ".key", "-subj", "/CN=" + commonName, "-out", name + ".csr",
                "-config", dir.resolve(caName + ".cnf").toString());
        openssl("x509", "-req", "-in", name + ".csr", "-CA", caName + ".crt", "-CAkey", caName + ".key",
                "-set_serial", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)),
                "-days", "30", "-out", name + ".crt", "-extfile", ext.toString(), "-extensions", "v3");
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
