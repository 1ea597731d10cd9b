package io.kubejudge.runner.checker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads whitespace-separated tokens from a file as bytes, without building Strings, so that
 * comparing outputs of tens of megabytes stays a tight loop over a buffer. Whitespace is the
 * Kattis set: space, tab, line feed, carriage return, form feed, vertical tab.
 */
final class TokenReader implements AutoCloseable {

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int len;

    /** The current token: {@code token[0..length)}. */
    byte[] token = new byte[64];
    int length;
    /** Whitespace read before the current token (or before the end, after the last one). */
    byte[] space = new byte[16];
    int spaceLength;
    /** 1-based line of the current token's first byte. */
    long line = 1;
    private long lineCursor = 1;

    TokenReader(InputStream in) {
        this.in = in;
    }

    private static final boolean[] SPACE = new boolean[256];

    static {
        for (char c : new char[] {' ', '\n', '\t', '\r', '\f', 0x0b}) {
            SPACE[c] = true;
        }
    }

    static boolean isSpace(int b) {
        return b >= 0 && SPACE[b & 0xff];
    }

    /** Advances to the next token; false at the end (then {@link #space} holds the trailing whitespace). */
    boolean next() throws IOException {
        spaceLength = 0;
        length = 0;
        while (true) {
            if (pos == len && !fill()) {
                return false;
            }
            int start = pos;
            while (pos < len && SPACE[buf[pos] & 0xff]) {
                if (buf[pos] == '\n') {
                    lineCursor++;
                }
                pos++;
            }
            space = append(space, spaceLength, start, pos);
            spaceLength += pos - start;
            if (pos < len) {
                break;
            }
        }
        line = lineCursor;
        while (true) {
            int start = pos;
            while (pos < len && !SPACE[buf[pos] & 0xff]) {
                pos++;
            }
            token = append(token, length, start, pos);
            length += pos - start;
            if (pos < len || !fill()) {
                return true;
            }
        }
    }

    private byte[] append(byte[] to, int used, int from, int until) {
        int n = until - from;
        if (n == 0) {
            return to;
        }
        if (used + n > to.length) {
            to = Arrays.copyOf(to, Math.max(to.length * 2, used + n));
        }
        System.arraycopy(buf, from, to, used, n);
        return to;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        len = Math.max(n, 0);
        return n > 0;
    }

    String tokenText() {
        return new String(token, 0, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
