package io.kubejudge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubejudge.testsupport.SseStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubejudge.testcluster.RepositoryLayout;
import io.kubejudge.testsupport.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One replica of the KubeJudge API service: the packaged Quarkus application
 * ({@code api/target/quarkus-app}, built by the reactor before this module) in a process of its
 * own, in the production profile, pointed at the test cluster's API server, a redis-server and one
 * namespace, and trusting the development JWT key. Its output goes to
 * {@code k8s-tests/target/e2e-api/<name>.log}.
 *
 * <p>It never outlives the test JVM: {@link #close()} stops it, a shutdown hook does if the JVM
 * exits first, and where {@code setpriv} exists the kernel kills it when the thread that started it
 * ends (parent-death signal), so even a killed test JVM leaves no API behind. Hence: start replicas
 * from the test's own thread, not from a pool thread that may end early.
 */
final class ApiProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String name;
    private final Process process;
    private final URI base;
    private final Path log;
    private final Thread killOnExit;

    private ApiProcess(String name, Process process, URI base, Path log) {
        this.name = name;
        this.process = process;
        this.base = base;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "e2e-api-" + name + "-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static Path appDirectory() {
        Path app = RepositoryLayout.root().resolve("api/target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("the packaged API is missing: " + app.resolve("quarkus-run.jar")
                    + " (the reactor builds it before k8s-tests; alone: ./mvnw -q -pl api package -DskipTests)");
        }
        return app;
    }

    /**
     * Starts a replica; {@link #awaitReady(Duration)} then waits for it. The Kubernetes client is
     * configured through fabric8's own system properties: Quarkus fixes its
     * {@code quarkus.kubernetes-client.*} URL at build time.
     */
    static ApiProcess start(String name, String apiServerUrl, String namespace, RedisServer redis, Map<String, String> extra) {
        Path app = appDirectory();
        int port = freePort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.banner.enabled", "false");
        props.put("kubernetes.master", apiServerUrl);
        props.put("kubernetes.namespace", namespace);
        props.put("kubernetes.trust.certificates", "true");
        props.put("kubernetes.auth.tryKubeConfig", "false");
        props.put("kubernetes.auth.tryServiceAccount", "false");
        props.put("http2.disable", "true");
        props.put("kubejudge.api.namespace", namespace);
        props.put("kubejudge.redis.host", redis.host());
        props.put("kubejudge.redis.port", Integer.toString(redis.port()));
        // Production refuses to start without a key, and ships none: the dev public key from the API's test resources.
        props.put("mp.jwt.verify.publickey.location", devKey("publicKey.pem").toString());
        props.putAll(extra);

        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--"));
        }
        command.add(javaBinary());
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", app.resolve("quarkus-run.jar").toString()));
        try {
            Path logs = RepositoryLayout.root().resolve("k8s-tests/target/e2e-api");
            Files.createDirectories(logs);
            Path log = logs.resolve(namespace + "-" + name + ".log");
            Process process = new ProcessBuilder(command).directory(app.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ApiProcess(name, process, URI.create("http://127.0.0.1:" + port), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the API replica " + name, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200 (Redis and the Kubernetes API reachable). */
    ApiProcess awaitReady(Duration atMost) {
        long until = System.nanoTime() + atMost.toNanos();
        String last = "no answer";
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("API replica " + name + " exited with " + process.exitValue()
                        + " before it was ready:\n" + logTail());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for API replica " + name, e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for API replica " + name, e);
            }
        }
        throw new IllegalStateException("API replica " + name + " not ready within " + atMost + " (last: " + last + "):\n"
                + logTail());
    }

    /** A file of the dev key pair, which lives with the API's tests (the packaged API holds no key). */
    static Path devKey(String file) {
        return RepositoryLayout.root().resolve("api/src/test/resources/dev-keys").resolve(file);
    }

    /** A bearer token from the documented command ({@code MintToken}, dev key) run on the packaged app's classpath. */
    static String mintToken(String user, String... roles) {
        Path app = appDirectory();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-cp",
                app.resolve("app") + "/*:" + app.resolve("lib/main") + "/*:" + app.resolve("lib/boot") + "/*",
                "io.kubejudge.api.auth.MintToken", "--key", devKey("privateKey.pem").toString(), "--user", user));
        for (String role : roles) {
            command.addAll(List.of("--role", role));
        }
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                p.destroyForcibly();
                throw new IllegalStateException("MintToken failed for user " + user + ": '" + out + "'");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String name() {
        return name;
    }

    HttpResponse<String> post(String path, String token, Object body) {
        try {
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> delete(String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), token);
    }

    HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token);
    }

    /** The body of a 200 answer as JSON; another status fails with the answer. */
    JsonNode getJson(String path, String token) {
        HttpResponse<String> r = get(path, token);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " on replica " + name + ": " + r.statusCode() + " " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens {@code GET path} as a Server-Sent Events stream; it collects events until the server ends it. */
    SseStream events(String path, String token) {
        return SseStream.open(base.resolve(path), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) {
        try {
            return HTTP.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("API replica " + name + ": " + e.getMessage() + "\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the replica's output, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- " + log + " (last lines)\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the replica (SIGTERM, Quarkus' graceful shutdown; SIGKILL after 20 s) and waits until it is gone. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; the process is gone
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
