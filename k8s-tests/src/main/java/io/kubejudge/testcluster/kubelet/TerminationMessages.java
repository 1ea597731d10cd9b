package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The kubelet's rules for termination messages, byte for byte, because the operator must survive
 * exactly these cuts:
 * <ol>
 *   <li>the message file is read with {@code tail.ReadAtMost(path, 4096)}: the LAST 4096 bytes are
 *       kept, so an oversized JSON message loses its beginning;</li>
 *   <li>with {@code FallbackToLogsOnError}, a failed container with an empty message gets the last
 *       80 lines of its log, at most 2048 bytes;</li>
 *   <li>the status manager then keeps the FIRST {@code 12288 / (containers + initContainers)} bytes
 *       of each message (12 KiB per pod, split evenly).</li>
 * </ol>
 */
public final class TerminationMessages {

    public static final int MAX_CONTAINER_BYTES = 4 * 1024;
    public static final int MAX_POD_BYTES = 12 * 1024;
    public static final int MAX_LOG_BYTES = 2 * 1024;
    public static final int MAX_LOG_LINES = 80;

    private TerminationMessages() {
    }

    /** What the kubelet reads from the termination message file: its last 4096 bytes. */
    public static byte[] readFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new byte[0];
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            int n = (int) Math.min(length, MAX_CONTAINER_BYTES);
            byte[] bytes = new byte[n];
            f.seek(length - n);
            f.readFully(bytes);
            return bytes;
        }
    }

    /** The fallback message from a log: the last 80 lines, then at most the last 2048 bytes of them. */
    public static byte[] fromLog(byte[] log) {
        int start = log.length;
        int newlines = 0;
        // A trailing newline ends the last line rather than starting an empty one.
        int i = log.length - 1;
        if (i >= 0 && log[i] == '\n') {
            i--;
        }
        for (; i >= 0; i--) {
            if (log[i] == '\n') {
                newlines++;
                if (newlines == MAX_LOG_LINES) {
                    break;
                }
            }
        }
        start = i + 1;
        int from = Math.max(start, log.length - MAX_LOG_BYTES);
        return Arrays.copyOfRange(log, from, log.length);
    }

    /** The status manager's cut: the first {@code 12288 / containerCount} bytes. */
    public static byte[] capForPod(byte[] message, int containerCount) {
        int budget = containerCount > 0 ? MAX_POD_BYTES / containerCount : MAX_POD_BYTES;
        return message.length > budget ? Arrays.copyOf(message, budget) : message;
    }

    /**
     * The message as the API shows it: Go keeps the bytes in a string and JSON encoding turns
     * invalid UTF-8 (a sequence cut by either rule) into U+FFFD, as Java's decoder does.
     */
    /**
     * What the kubelet reports as a finished container's termination message: its message file, or
     * with {@code FallbackToLogsOnError} and a failure and no file content, the tail of its log; cut to
     * the container's share of the pod's budget.
     */
    public static String ofContainer(Pod pod, Container container, int exit, Path file, Path log) throws IOException {
        byte[] message = readFile(file);
        if (message.length == 0 && exit != 0 && "FallbackToLogsOnError".equals(container.getTerminationMessagePolicy())) {
            message = fromLog(Files.exists(log) ? Files.readAllBytes(log) : new byte[0]);
        }
        int containers = pod.getSpec().getInitContainers().size() + pod.getSpec().getContainers().size();
        return asString(capForPod(message, containers));
    }

    public static String asString(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
