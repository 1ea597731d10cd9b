package io.kubejudge.api.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A real redis-server on a free loopback port, without persistence, for the whole test run.
 * Missing redis-server fails the tests (scripts/install-test-deps.sh installs it); it never skips.
 */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile int port;
    private static volatile long pid;
    private Process process;
    private Path workDir;

    public static int port() {
        return port;
    }

    /** The redis-server process, for the benchmark's CPU accounting. */
    public static long pid() {
        return pid;
    }

    @Override
    public Map<String, String> start() {
        try {
            port = freePort();
            workDir = Files.createTempDirectory("kubejudge-api-redis");
            process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workDir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("redis.log").toFile())
                    .start();
            pid = process.pid();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (install it with scripts/install-test-deps.sh)", e);
        }
        awaitPing();
        return Map.of("kubejudge.redis.host", "127.0.0.1", "kubejudge.redis.port", Integer.toString(port));
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (workDir != null) {
            for (File f : workDir.toFile().listFiles()) {
                f.delete();
            }
            workDir.toFile().delete();
        }
    }

    private void awaitPing() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue());
            }
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                if ("PONG".equals(j.ping())) {
                    return;
                }
            } catch (JedisConnectionException e) {
                // not listening yet
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("redis-server did not answer within 10 s");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
