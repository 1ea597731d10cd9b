package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The ServiceAccount volume Kubernetes' admission adds to a pod (the {@code kube-api-access-*}
 * projected volume) and the kubelet fills: {@code token}, {@code ca.crt}, {@code namespace}, mounted
 * read-only at {@link #MOUNT_PATH} in every container, unless {@code automountServiceAccountToken}
 * is false on the pod (or, when the pod does not say, on its ServiceAccount). The token is the test
 * cluster's {@code kubejudge-test:<namespace>:<serviceaccount>}; {@code ca.crt} is a self-signed
 * certificate (the test API server speaks plain HTTP, see {@code KUBERNETES_MASTER} in
 * {@link DockerContainerArgs}), there so that clients that load it find a valid one.
 */
final class ServiceAccountVolume {

    static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

    private static volatile byte[] caCertificate;

    private ServiceAccountVolume() {
    }

    /** The token a pod of this ServiceAccount presents (the test cluster's contract). */
    static String token(String namespace, String serviceAccount) {
        return "kubejudge-test:" + namespace + ":" + serviceAccount;
    }

    static String serviceAccountName(Pod pod) {
        String name = pod.getSpec().getServiceAccountName();
        if (name == null || name.isEmpty()) {
            name = pod.getSpec().getServiceAccount();
        }
        return name == null || name.isEmpty() ? "default" : name;
    }

    /** The volume's host directory, or empty when the pod gets none. */
    static Optional<Path> materialise(KubernetesClient client, Pod pod, Path podDir) throws IOException {
        Boolean automount = pod.getSpec().getAutomountServiceAccountToken();
        String namespace = pod.getMetadata().getNamespace();
        String account = serviceAccountName(pod);
        if (automount == null) {
            ServiceAccount sa = client.serviceAccounts().inNamespace(namespace).withName(account).get();
            automount = sa == null || sa.getAutomountServiceAccountToken() == null || sa.getAutomountServiceAccountToken();
        }
        if (!automount) {
            return Optional.empty();
        }
        Path dir = Files.createDirectories(podDir.resolve("serviceaccount"));
        Files.writeString(dir.resolve("token"), token(namespace, account));
        Files.writeString(dir.resolve("namespace"), namespace);
        Files.write(dir.resolve("ca.crt"), caCertificate(podDir));
        for (String f : List.of("token", "namespace", "ca.crt")) {
            Files.setPosixFilePermissions(dir.resolve(f), PodVolumes.permissions(0644));
        }
        Files.setPosixFilePermissions(dir, PodVolumes.permissions(0755));
        return Optional.of(dir);
    }

    /** One self-signed CA certificate per JVM, made with the JDK's keytool. */
    private static byte[] caCertificate(Path scratch) throws IOException {
        if (caCertificate == null) {
            synchronized (ServiceAccountVolume.class) {
                if (caCertificate == null) {
                    Path keystore = scratch.resolve("ca.p12");
                    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
                    run(List.of(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                            "-dname", "CN=kubejudge-test-ca", "-validity", "3650", "-ext", "bc:c",
                            "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "kubejudge"));
                    caCertificate = run(List.of(keytool, "-exportcert", "-rfc", "-alias", "ca",
                            "-keystore", keystore.toString(), "-storepass", "kubejudge")).getBytes(StandardCharsets.US_ASCII);
                    Files.deleteIfExists(keystore);
                }
            }
        }
        return caCertificate;
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command.subList(0, 2)) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
