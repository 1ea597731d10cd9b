package io.kubejudge.runner.language;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compiler output as users should see it: short, valid text, with the judge's directories left out. */
final class CompilerOutput {

    static final String TRUNCATED = "\n... (truncated)";

    private CompilerOutput() {
    }

    static String read(Path log, int maxBytes, Path sourceDir, Path buildDir) {
        byte[] head;
        try (InputStream in = Files.newInputStream(log)) {
            head = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            return "";
        }
        boolean cut = head.length > maxBytes;
        String text = decode(head, Math.min(head.length, maxBytes));
        // Paths of a temporary directory mean nothing to the user: "main.cpp:3:5: error" is enough.
        text = text.replace(sourceDir.toString() + "/", "").replace(buildDir.toString() + "/", "").replaceFirst("^(\\s*\\n)+", "").stripTrailing();
        return cut ? text + TRUNCATED : text;
    }

    /** At most {@code maxBytes} of UTF-8, cut at a character boundary. */
    static String truncate(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int keep = Math.max(0, maxBytes - TRUNCATED.length());
        return decode(bytes, keep) + TRUNCATED;
    }

    private static String decode(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(length);
        decoder.decode(ByteBuffer.wrap(bytes, 0, length), out, true);
        // A character split by the cut decodes as a replacement character at the end: drop it.
        out.flip();
        String s = out.toString();
        return s.endsWith("\uFFFD") ? s.substring(0, s.length() - 1) : s;
    }
}
