package io.kubejudge.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fabric8 mock API server in CRUD mode, with our CRDs, in a process of its own: a benchmark
 * can then tell the CPU and heap of what it measures from the stand-in's. {@link #start} launches
 * it with this JVM's class path; {@link #main} is the child, which prints {@code PORT <n>} when
 * ready and ends when its standard input closes (so it never outlives its parent).
 */
public final class StandaloneMockApiServer {

    /** Held strongly: java.util.logging forgets the level of loggers nobody references. */
    private static final Logger QUIET = Logger.getLogger("io.fabric8.mockwebserver");

    private StandaloneMockApiServer() {
    }

    public static void main(String[] args) throws Exception {
        // The mock logs every request at INFO: that would be counted as the stand-in's CPU.
        QUIET.setLevel(Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient client = server.createClient()) {
            Crds.install(client);
        }
        System.out.println("PORT " + server.getPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // wait for the parent to close our stdin
        }
        server.destroy();
        System.exit(0);
    }

    /** Launches the child JVM with {@code jvmOptions} (e.g. {@code -Xmx1g}) and waits until it serves. */
    public static Running start(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StandaloneMockApiServer.class.getName()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the standalone mock API server: " + e.getMessage(), e);
        }
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
                // startup chatter
            }
            if (line == null) {
                throw new IllegalStateException("the standalone mock API server exited before it was ready");
            }
            Running running = new Running(process, "http://127.0.0.1:" + line.substring(5).trim());
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the pipe from filling
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "mock-api-server-stdout");
            drain.setDaemon(true);
            drain.start();
            return running;
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** A running child: its URL (plain HTTP on loopback) and process id; closing ends it. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final String url;

        private Running(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        public String url() {
            return url;
        }

        public long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
