package io.kubejudge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.clients.jedis.JedisPooled;

/**
 * A real redis-server on a free loopback port, without persistence. A missing redis-server is an
 * error, never a skip: {@code scripts/install-test-deps.sh} installs it.
 */
public final class RedisServer implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final int port;
    private final Path dir;
    private final Path log;
    private Process process;

    /** Starts one; {@link #close()} stops it and removes its directory. */
    public RedisServer() {
        this.port = freePort();
        try {
            this.dir = Files.createTempDirectory("kubejudge-redis");
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a redis-server: " + e.getMessage(), e);
        }
        this.log = dir.resolve("redis.log");
        startProcess();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The running redis-server's process id (for CPU accounting), or -1 while it is stopped. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** A new client; the caller closes it. */
    public JedisPooled client() {
        return new JedisPooled(HOST, port);
    }

    /** Stops the server (Redis down); {@link #restart()} brings it back on the same port, empty. */
    public synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts it again on the same port (a Redis that comes back), stopping it first if it runs. */
    public synchronized void restart() {
        stop();
        startProcess();
    }

    /** Whether the server answers PING now. */
    public boolean ping() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            return new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private synchronized void startProcess() {
        try {
            process = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", HOST,
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server: " + e.getMessage(), e);
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start with " + process.exitValue() + ": " + logText());
            }
            if (ping()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting redis-server", e);
            }
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within 20 s: " + logText());
    }

    /** On the PATH, or where Debian and a source build put it (a restricted PATH must not hide it). */
    private static String binary() {
        List<Path> candidates = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty()) {
                candidates.add(Path.of(d, "redis-server"));
            }
        }
        candidates.add(Path.of("/usr/bin/redis-server"));
        candidates.add(Path.of("/usr/local/bin/redis-server"));
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(
                        "redis-server is not installed: run scripts/install-test-deps.sh (apt-get install -y redis-server)"));
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A loopback port nobody listens on now (also: a Redis that is down from the start). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }
}
