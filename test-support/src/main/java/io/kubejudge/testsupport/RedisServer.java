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
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * A real redis-server on a free loopback port, without persistence, optionally requiring a
 * password (AUTH) as the chart's Redis does. A missing redis-server is an error, never a skip:
 * {@code scripts/install-test-deps.sh} installs it.
 */
public final class RedisServer implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final int port;
    private final String password;
    private final Path dir;
    private final Path log;
    private final boolean tls;
    private Process process;

    /** Starts one without a password; {@link #close()} stops it and removes its directory. */
    public RedisServer() {
        this(null);
    }

    /** Starts one that requires {@code password} ({@code --requirepass}); null: none. */
    public RedisServer(String password) {
        this(password, false);
    }

    /**
     * Starts one that speaks only TLS (its {@code --tls-port}; no plain port), with a certificate
     * for the name localhost (not the address 127.0.0.1) signed by a throwaway CA made with openssl ({@link #caFile()}).
     */
    public static RedisServer withTls(String password) {
        return new RedisServer(password, true);
    }

    private RedisServer(String password, boolean tls) {
        this.port = freePort();
        this.password = password;
        this.tls = tls;
        try {
            this.dir = Files.createTempDirectory("kubejudge-redis");
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a redis-server: " + e.getMessage(), e);
        }
        this.log = dir.resolve("redis.log");
        if (tls) {
            makeCertificates();
        }
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

    /** The PEM certificate of the CA that signed a TLS server's certificate. */
    public Path caFile() {
        if (!tls) {
            throw new IllegalStateException("this redis-server speaks no TLS");
        }
        return dir.resolve("ca.crt");
    }

    /** The password it requires, or null. */
    public String password() {
        return password;
    }

    /** A new client (authenticated when a password is set); the caller closes it. */
    public JedisPooled client() {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().password(password);
        if (tls) {
            try {
                config.ssl(true).sslSocketFactory(trustingCa());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return new JedisPooled(new HostAndPort(HOST, port), config.build());
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

    /** Whether the server answers PING now (after AUTH when a password is set). */
    public boolean ping() {
        try (Socket s = tls ? trustingCa().createSocket(HOST, port) : new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            if (password != null) {
                out.write(command("AUTH", password));
                out.flush();
                if (!readLine(in).equals("+OK")) {
                    return false;
                }
            }
            out.write(command("PING"));
            out.flush();
            return readLine(in).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** A command in RESP (bulk strings: the password may hold any byte). */
    private static byte[] command(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
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
            List<String> command = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", HOST,
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()));
            if (password != null) {
                command.addAll(List.of("--requirepass", password));
            }
            if (tls) {
                command.set(command.indexOf("--port") + 1, "0");
                command.addAll(List.of("--tls-port", Integer.toString(port), "--tls-cert-file", dir.resolve("server.crt").toString(),
                        "--tls-key-file", dir.resolve("server.key").toString(), "--tls-ca-cert-file", caFile().toString(),
                        "--tls-auth-clients", "no"));
            }
            process = new ProcessBuilder(command)
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

    /** A CA and a server certificate naming localhost only, made with openssl (missing openssl is an error). */
    private void makeCertificates() {
        String ext = "subjectAltName=DNS:localhost";
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=kubejudge test CA",
                "-keyout", "ca.key", "-out", "ca.crt");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key",
                "-out", "server.csr");
        try {
            Files.writeString(dir.resolve("server.ext"), ext + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "server.ext", "-out", "server.crt");
    }

    private void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl (apt-get install -y openssl): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A socket factory that trusts exactly this server's CA. */
    private javax.net.ssl.SSLSocketFactory trustingCa() throws IOException {
        try (InputStream in = Files.newInputStream(caFile())) {
            java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
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
