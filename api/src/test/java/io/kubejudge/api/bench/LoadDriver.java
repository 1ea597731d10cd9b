package io.kubejudge.api.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Drives the API from {@link HttpLoadProcess}, a JVM of its own, so that the API's JVM spends
 * CPU on serving requests only. Requests are written out before a run ({@link #prepare}), so
 * building them is not counted either.
 */
final class LoadDriver implements AutoCloseable {

    record Request(String method, String path, String token, String body) {
    }

    /** Requests serialised for the driver. */
    record Prepared(Path file, int count) {
    }

    record Result(int requests, long nanos, long driverCpuNanos, Map<Integer, Integer> statuses) {
        double perSecond() {
            return requests / (nanos / 1e9);
        }
    }

    private final String host;
    private final int port;
    private final Process process;
    private final BufferedReader replies;
    private final Writer commands;
    private final Path dir;

    LoadDriver(URL base) throws IOException {
        this.host = base.getHost();
        this.port = base.getPort();
        this.dir = Files.createTempDirectory("kubejudge-bench-load");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-Xms256m", "-Xmx768m", "-cp",
                System.getProperty("java.class.path"), HttpLoadProcess.class.getName(), host, Integer.toString(port)))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String ready = replies.readLine();
        if (!"READY".equals(ready)) {
            throw new IllegalStateException("the load driver did not start: " + ready);
        }
    }

    long pid() {
        return process.pid();
    }

    Prepared prepare(int total, IntFunction<Request> next) throws IOException {
        Path file = dir.resolve("requests.bin");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (int i = 0; i < total; i++) {
                byte[] raw = raw(next.apply(i));
                out.writeInt(raw.length);
                out.write(raw);
            }
        }
        return new Prepared(file, total);
    }

    Result run(Prepared prepared, int concurrency) throws IOException {
        commands.write("run " + prepared.file() + " " + concurrency + "\n");
        commands.flush();
        String reply = replies.readLine();
        if (reply == null || !reply.startsWith("done ")) {
            throw new IllegalStateException("the load driver failed: " + reply);
        }
        String[] f = reply.split(" ");
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (String s : f[3].split(",")) {
            String[] kv = s.split("=");
            statuses.put(Integer.parseInt(kv[0]), Integer.parseInt(kv[1]));
        }
        return new Result(prepared.count(), Long.parseLong(f[1]), Long.parseLong(f[2]), statuses);
    }

    private byte[] raw(Request r) {
        byte[] body = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256 + r.token().length())
                .append(r.method()).append(' ').append(r.path()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Authorization: Bearer ").append(r.token()).append("\r\n")
                .append("Accept: application/json\r\n");
        if (r.body() != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    @Override
    public void close() throws IOException {
        try (OutputStream ignored = process.getOutputStream()) {
            commands.close();
        } catch (IOException e) {
            // the driver is gone already
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
