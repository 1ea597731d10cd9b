package io.kubejudge.testcluster.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessagesTest {

    @TempDir
    Path dir;

    @Test
    void aMessageFileWithinTheLimitIsReadWhole() throws Exception {
        Path file = dir.resolve("termination-log");
        Files.writeString(file, "{\"step\":\"compile\"}");
        assertThat(TerminationMessages.asString(TerminationMessages.readFile(file))).isEqualTo("{\"step\":\"compile\"}");
    }

    @Test
    void anOversizedMessageKeepsItsLast4096Bytes() throws Exception {
        Path file = dir.resolve("termination-log");
        String message = "HEAD" + "x".repeat(5000) + "TAIL";
        Files.writeString(file, message);
        byte[] read = TerminationMessages.readFile(file);
        assertThat(read).hasSize(4096);
        String text = TerminationMessages.asString(read);
        assertThat(text).endsWith("TAIL").doesNotContain("HEAD");
    }

    @Test
    void aMissingFileIsAnEmptyMessage() throws Exception {
        assertThat(TerminationMessages.readFile(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void theLogFallbackKeepsTheLast80LinesAndAtMost2048Bytes() {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            log.append("line ").append(i).append('\n');
        }
        String fallback = TerminationMessages.asString(TerminationMessages.fromLog(log.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(fallback).startsWith("line 21\n").endsWith("line 100\n");
        assertThat(fallback.split("\n")).hasSize(80);

        byte[] longLines = ("y".repeat(1000) + "\n").repeat(5).getBytes(StandardCharsets.UTF_8);
        assertThat(TerminationMessages.fromLog(longLines)).hasSize(2048);
    }

    @Test
    void aPodSharesTwelveKibibytesEvenlyAmongItsContainers() {
        byte[] message = "z".repeat(4096).getBytes(StandardCharsets.UTF_8);
        assertThat(TerminationMessages.capForPod(message, 3)).hasSize(4096);
        assertThat(TerminationMessages.capForPod(message, 4)).hasSize(3072);
        assertThat(TerminationMessages.capForPod("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 4)).hasSize(7);
    }
}
