package io.kubejudge.api.bench;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts {@link StandaloneMockApiServer} and points the API's Kubernetes client at it. */
public class StandaloneMockApiServerResource implements QuarkusTestResourceLifecycleManager {

    static volatile String url;
    static volatile long pid;
    private Process process;

    @Override
    public Map<String, String> start() {
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    StandaloneMockApiServer.class.getName()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            pid = process.pid();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
                // startup chatter
            }
            if (line == null) {
                throw new IllegalStateException("the standalone mock API server exited before it was ready");
            }
            url = "http://127.0.0.1:" + line.substring(5).trim();
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the pipe from filling
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            }, "bench-mock-stdout");
            drain.setDaemon(true);
            drain.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // fabric8 reads these system properties itself; the quarkus.kubernetes-client.* keys are
        // fixed at build time and cannot point the client elsewhere.
        Map<String, String> props = Map.of("kubernetes.master", url,
                "kubernetes.namespace", "test",
                "kubernetes.trust.certificates", "true",
                "kubernetes.auth.tryKubeConfig", "false",
                "kubernetes.auth.tryServiceAccount", "false",
                "http2.disable", "true");
        props.forEach(System::setProperty);
        return props;
    }

    @Override
    public void stop() {
        if (process != null) {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (IOException | InterruptedException e) {
                process.destroy();
            }
        }
    }
}
