package io.kubejudge.operator;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import redis.clients.jedis.JedisPooled;

/**
 * A real redis-server on a free loopback port, without persistence, for one test class. Fails
 * loudly when redis-server is missing (scripts/install-test-deps.sh installs it): never skipped.
 */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private Process process;

    public RedisServer() {
        this.port = freePort();
        start();
    }

    public int port() {
        return port;
    }

    /** Starts (again, on the same port: a Redis that comes back). */
    public synchronized void start() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(new File("target/redis-" + port + ".log")).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (install it: scripts/install-test-deps.sh): " + e.getMessage(), e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try (JedisPooled j = new JedisPooled("127.0.0.1", port)) {
                if ("PONG".equals(j.ping())) {
                    return;
                }
            } catch (RuntimeException e) {
                // not up yet
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see target/redis-" + port + ".log");
            }
            sleep(50);
        }
        throw new IllegalStateException("redis-server did not answer on port " + port);
    }

    /** Stops it (Redis down). */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public JedisPooled client() {
        return new JedisPooled("127.0.0.1", port);
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
