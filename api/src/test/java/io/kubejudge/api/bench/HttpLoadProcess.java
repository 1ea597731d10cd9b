package io.kubejudge.api.bench;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's load generator, in a JVM of its own so that none of its CPU is counted as the
 * API's. It replays requests that the benchmark serialised beforehand (raw HTTP/1.1 bytes), over
 * keep-alive connections, one request in flight per connection, from a single selector thread:
 * no per-request allocation of headers, futures or threads, so it costs little next to the API.
 *
 * <p>Protocol on standard input, one command a line: {@code run <file> <connections>}; it answers
 * {@code done <nanos> <cpuNanos> <status>=<count>,...} on standard output ({@code -1} counts
 * requests whose connection failed). The file holds each request as a 4-byte length and the bytes.
 */
public final class HttpLoadProcess {

    private static final long STALL_NANOS = 60_000_000_000L;

    private final InetSocketAddress server;

    private HttpLoadProcess(InetSocketAddress server) {
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        HttpLoadProcess driver = new HttpLoadProcess(new InetSocketAddress(args[0], Integer.parseInt(args[1])));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        System.out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] cmd = line.trim().split(" ");
            if (cmd.length == 3 && cmd[0].equals("run")) {
                try {
                    System.out.println(driver.run(Path.of(cmd[1]), Integer.parseInt(cmd[2])));
                } catch (IOException | RuntimeException e) {
                    System.out.println("error " + e);
                }
                System.out.flush();
            }
        }
    }

    /** Requests as one array and offsets: loading them is not part of the run. */
    private record Requests(byte[] bytes, int[] offsets) {
        int count() {
            return offsets.length - 1;
        }
    }

    private static Requests load(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        int n = 0;
        for (int p = 0; p < raw.length; n++) {
            p += 4 + readInt(raw, p);
        }
        int[] offsets = new int[n + 1];
        byte[] bytes = new byte[raw.length - 4 * n];
        int p = 0;
        int q = 0;
        for (int i = 0; i < n; i++) {
            int len = readInt(raw, p);
            System.arraycopy(raw, p + 4, bytes, q, len);
            offsets[i] = q;
            p += 4 + len;
            q += len;
        }
        offsets[n] = q;
        return new Requests(bytes, offsets);
    }

    private static int readInt(byte[] b, int p) throws EOFException {
        if (p + 4 > b.length) {
            throw new EOFException("truncated request file");
        }
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private String run(Path file, int connections) throws IOException {
        Requests requests = load(file);
        Map<Integer, Integer> statuses = new TreeMap<>();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Selector selector = Selector.open()) {
            Connection[] open = new Connection[Math.min(connections, requests.count())];
            for (int c = 0; c < open.length; c++) {
                open[c] = connect(selector);
            }
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            int next = 0;
            int done = 0;
            for (Connection c : open) {
                next = c.send(requests, next);
            }
            long lastProgress = System.nanoTime();
            while (done < requests.count()) {
                selector.select(1000);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Connection c = (Connection) key.attachment();
                    int status;
                    try {
                        if (key.isWritable()) {
                            c.write();
                        }
                        status = key.isReadable() ? c.read() : 0;
                    } catch (IOException e) {
                        status = -1;
                    }
                    if (status == 0) {
                        continue;
                    }
                    statuses.merge(status, 1, Integer::sum);
                    done++;
                    lastProgress = System.nanoTime();
                    if (status == -1 || c.closing) {
                        c.close();
                        c = connect(selector);
                    }
                    next = c.send(requests, next);
                }
                if (System.nanoTime() - lastProgress > STALL_NANOS) {
                    throw new IOException("no response for 60 s; " + (requests.count() - done) + " requests left");
                }
            }
            long nanos = System.nanoTime() - start;
            long cpu = os.getProcessCpuTime() - cpuStart;
            for (Connection c : open) {
                c.close();
            }
            StringBuilder out = new StringBuilder("done ").append(nanos).append(' ').append(cpu).append(' ');
            statuses.forEach((s, n) -> out.append(s).append('=').append(n).append(','));
            out.setLength(out.length() - 1);
            return out.toString();
        }
    }

    private Connection connect(Selector selector) throws IOException {
        SocketChannel ch = SocketChannel.open(server);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.configureBlocking(false);
        Connection c = new Connection(ch);
        c.key = ch.register(selector, SelectionKey.OP_READ, c);
        return c;
    }

    /** One keep-alive connection with at most one request in flight. */
    private static final class Connection {
        private final SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer out;
        private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private boolean closing;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        /** Sends request {@code next} if there is one; returns the index after it. */
        int send(Requests r, int next) throws IOException {
            if (next >= r.count()) {
                return next;
            }
            out = ByteBuffer.wrap(r.bytes(), r.offsets()[next], r.offsets()[next + 1] - r.offsets()[next]);
            write();
            return next + 1;
        }

        void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** The status of the response once it is complete, 0 while it is not, -1 when the server closed. */
        int read() throws IOException {
            if (!in.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            if (channel.read(in) < 0) {
                return -1;
            }
            int status = complete(in.array(), in.position());
            if (status > 0) {
                in.clear();
            }
            return status;
        }

        /** Parses just enough of a response: status, Content-Length or chunked framing, Connection: close. */
        private int complete(byte[] b, int len) {
            int headerEnd = indexOf(b, 0, len, "\r\n\r\n") + 4;
            if (headerEnd < 4) {
                return 0;
            }
            int status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
            String headers = new String(b, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase();
            closing = headers.contains("\r\nconnection: close");
            int cl = headers.indexOf("\r\ncontent-length:");
            if (cl >= 0) {
                int eol = headers.indexOf("\r\n", cl + 2);
                int length = Integer.parseInt(headers.substring(cl + 17, eol).trim());
                return len >= headerEnd + length ? status : 0;
            }
            if (headers.contains("\r\ntransfer-encoding: chunked")) {
                int p = headerEnd;
                while (true) {
                    int eol = indexOf(b, p, len, "\r\n");
                    if (eol < 0) {
                        return 0;
                    }
                    String size = new String(b, p, eol - p, StandardCharsets.ISO_8859_1);
                    int semi = size.indexOf(';');
                    int chunk = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                    p = eol + 2 + chunk + 2;
                    if (p > len) {
                        return 0;
                    }
                    if (chunk == 0) {
                        return status;
                    }
                }
            }
            // Neither: a body-less response (204, 304) or one ended by closing, which we do not expect.
            return status;
        }

        private static int indexOf(byte[] b, int from, int to, String what) {
            outer:
            for (int i = from; i <= to - what.length(); i++) {
                for (int k = 0; k < what.length(); k++) {
                    if (b[i + k] != what.charAt(k)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // gone already
            }
        }
    }
}
