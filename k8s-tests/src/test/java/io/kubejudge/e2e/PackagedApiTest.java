package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API as it ships (api/target/quarkus-app, what the image copies): it holds no private key
 * (the dev key pair lives with the API's tests), and without a verification key it does not
 * start but says which setting is missing.
 */
class PackagedApiTest {

    private static final String PRIVATE_KEY = "PRIVATE KEY-----";

    @Test
    void noFileOfThePackagedApiHoldsAPrivateKey() throws IOException {
        Path app = ApiProcess.appDirectory();
        String devKey = Files.readString(ApiProcess.devKey("privateKey.pem")).strip();
        String devKeyBody = devKey.lines().skip(1).findFirst().orElseThrow();
        List<String> found = new ArrayList<>();
        int jars = 0;
        int entries = 0;
        try (Stream<Path> files = Files.walk(app)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.toString().endsWith(".jar")) {
                    jars++;
                    try (JarFile jar = new JarFile(f.toFile())) {
                        Enumeration<JarEntry> e = jar.entries();
                        while (e.hasMoreElements()) {
                            JarEntry entry = e.nextElement();
                            entries++;
                            if (entry.isDirectory()) {
                                continue;
                            }
                            String name = entry.getName();
                            if (name.contains("dev-keys/") || name.endsWith("privateKey.pem")) {
                                found.add(f.getFileName() + "!" + name);
                                continue;
                            }
                            if (name.endsWith(".pem") || name.endsWith(".key") || name.endsWith(".properties")) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                                    if (text.contains(PRIVATE_KEY) || text.contains(devKeyBody)) {
                                        found.add(f.getFileName() + "!" + name);
                                    }
                                }
                            }
                        }
                    }
                } else {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    if (text.contains(PRIVATE_KEY) || text.contains(devKeyBody)) {
                        found.add(app.relativize(f).toString());
                    }
                }
            }
        }
        assertThat(jars).as("the package was read").isGreaterThan(50);
        assertThat(entries).isGreaterThan(1000);
        assertThat(found).as("files holding a private key").isEmpty();
        // The application's own jar holds the application's classes but no key directory.
        try (Stream<Path> appJars = Files.list(app.resolve("app"))) {
            assertThat(appJars.filter(p -> p.toString().endsWith(".jar")).toList()).isNotEmpty();
        }
    }

    @Test
    void withoutAVerificationKeyTheApiDoesNotStartAndSaysWhy() throws Exception {
        Path app = ApiProcess.appDirectory();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dkubernetes.master=http://127.0.0.1:1", "-Dkubernetes.auth.tryKubeConfig=false",
                "-Dkubernetes.auth.tryServiceAccount=false", "-Dkubejudge.api.namespace=judge",
                "-jar", app.resolve("quarkus-run.jar").toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true);
        pb.environment().remove("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        pb.environment().remove("MP_JWT_VERIFY_PUBLICKEY");
        Process p = pb.start();
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("the API must stop by itself; it printed:\n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("no key to verify tokens with").contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
    }
}
