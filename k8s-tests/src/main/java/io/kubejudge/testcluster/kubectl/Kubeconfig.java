package io.kubejudge.testcluster.kubectl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig with one cluster, one user (a bearer token) and one context using both. The server
 * must be https (kubectl sends no credentials to an http server); its certificate is not verified
 * (the test API server's is self-signed and it listens on loopback only).
 */
public final class Kubeconfig {

    public static final String NAME = "kubejudge-test";

    private Kubeconfig() {
    }

    /** Writes the file (parents created) and returns it. */
    public static Path write(Path file, String server, String token, String namespace) {
        if (!server.startsWith("https://")) {
            throw new IllegalArgumentException("server " + server + " must be https: kubectl sends a token only over TLS");
        }
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    insecure-skip-tls-verify: true
                users:
                - name: %1$s
                  user:
                    token: %3$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: %4$s
                current-context: %1$s
                """.formatted(NAME, quoted(server), quoted(token), quoted(namespace));
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("writing kubeconfig " + file, e);
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
