package io.kubejudge.runner.checker;

import java.nio.charset.StandardCharsets;

/** Short, printable messages: they end up in a 4 KiB termination message next to many others. */
final class Messages {

    static final int MAX_MESSAGE = 256;
    private static final int MAX_TOKEN = 40;

    private Messages() {
    }

    static String truncate(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max - 3) + "...";
    }

    /** A token for display: quoted, non-printable bytes escaped, long ones cut. */
    static String token(byte[] bytes, int length) {
        String s = new String(bytes, 0, Math.min(length, MAX_TOKEN * 4), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < s.length() && shown < MAX_TOKEN; i++, shown++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (shown < s.length() || length > MAX_TOKEN * 4) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }
}
