package io.kubejudge.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled Redis stays below its memory limit: maxmemory is redis.maxmemoryPercent of
 * redis.resources.limits.memory, and past it Redis evicts the keys nearest their expiry (the oldest
 * archived submissions) rather than grow until the kubelet kills it.
 */
class RedisMaxmemoryTest {

    private static List<String> redisArgs(RenderRequest request) {
        return ValueSets.chart().render(request).one(StatefulSet.class, "kubejudge-redis")
                .getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    }

    @Test
    void maxmemoryIsTheShareOfTheMemoryLimit() {
        assertThat(redisArgs(new RenderRequest())).containsSequence("--maxmemory", "429496730", "--maxmemory-policy", "volatile-ttl");
        assertThat(redisArgs(new RenderRequest().set("redis.resources.limits.memory", "1Gi").set("redis.maxmemoryPercent", "90")))
                .containsSequence("--maxmemory", "966367642");
        assertThat(redisArgs(new RenderRequest().set("redis.resources.limits.memory", "1.5G")))
                .containsSequence("--maxmemory", "1200000000");
        assertThat(redisArgs(new RenderRequest().set("redis.maxmemoryPercent", "0"))).doesNotContain("--maxmemory");
    }

    @Test
    void aLimitItCannotReadFailsNamingTheKey() {
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest().set("redis.resources.limits.memory", "5e8")))
                .hasMessageContaining("redis.resources.limits.memory: 5e8: write it as a number with k, Ki, M, Mi, G, Gi, T or Ti");
        assertThatThrownBy(() -> ValueSets.chart().template(new RenderRequest().set("redis.maxmemoryPercent", "99")))
                .hasMessageContaining("at '/redis/maxmemoryPercent'");
    }

    /**
     * redis-server started with the rendered arguments (a 16 MiB limit: maxmemory ~13 MB), then filled
     * with four times that much of archive-like keys with a TTL: every write succeeds, memory stays
     * under maxmemory, and a key without a TTL (a queue) survives.
     */
    @Test
    void theRenderedArgumentsKeepARealRedisUnderItsLimit(@TempDir Path dir) throws Exception {
        List<String> args = redisArgs(new RenderRequest().set("redis.resources.limits.memory", "16Mi"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("redis-server"));
        for (String a : args) {
            command.add(a.replace("$(REDIS_PASSWORD)", "test-password").replace("/data", dir.toString()));
        }
        command.set(command.indexOf("--port") + 1, Integer.toString(port));
        command.addAll(List.of("--bind", "127.0.0.1", "--save", ""));
        Process redis;
        try {
            redis = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("redis-server is needed (scripts/install-test-deps.sh installs it)", e);
        }
        try (Socket socket = connect(port); var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))) {
            OutputStream out = socket.getOutputStream();
            assertThat(call(out, in, "AUTH", "test-password")).isEqualTo("+OK");
            long maxmemory = Long.parseLong(args.get(args.indexOf("--maxmemory") + 1));
            assertThat(call(out, in, "RPUSH", "kubejudge:queue:ns:default", "s-1")).isEqualTo(":1");
            String value = "x".repeat(4096);
            for (int i = 0; i < 4 * maxmemory / value.length(); i++) {
                assertThat(call(out, in, "SET", "kubejudge:archive:ns:s-" + i, value, "EX", Integer.toString(1_000_000 + i)))
                        .as("write %d", i).isEqualTo("+OK");
            }
            String info = call(out, in, "INFO", "memory");
            long used = info.lines().filter(l -> l.startsWith("used_memory:")).map(l -> Long.parseLong(l.substring(12).strip()))
                    .findFirst().orElseThrow();
            assertThat(used).isLessThanOrEqualTo(maxmemory);
            assertThat(call(out, in, "LLEN", "kubejudge:queue:ns:default")).isEqualTo(":1");
            assertThat(call(out, in, "EXISTS", "kubejudge:archive:ns:s-0")).as("the oldest archive was evicted").isEqualTo(":0");
        } finally {
            redis.destroy();
            assertThat(redis.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Socket connect(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return new Socket("127.0.0.1", port);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("redis-server did not listen on " + port, e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** One command in RESP; the reply's first line, or a bulk string's content. */
    private static String call(OutputStream out, BufferedReader in, String... parts) throws IOException {
        StringBuilder b = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String p : parts) {
            b.append('$').append(p.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n").append(p).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String line = in.readLine();
        if (line.startsWith("$") && !line.equals("$-1")) {
            char[] data = new char[Integer.parseInt(line.substring(1))];
            int read = 0;
            while (read < data.length) {
                read += in.read(data, read, data.length - read);
            }
            in.readLine();
            return new String(data);
        }
        return line;
    }
}
