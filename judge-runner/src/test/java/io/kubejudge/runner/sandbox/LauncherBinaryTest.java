package io.kubejudge.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherBinaryTest {

    @TempDir
    Path dir;

    @Test
    void compilesTheBundledSourceOnceNamedByItsHash() throws Exception {
        Path cache = dir.resolve("cache");

        Path first = LauncherBinary.compileBundled(List.of(cache));
        Files.setLastModifiedTime(first, FileTime.fromMillis(1_000_000));
        Path second = LauncherBinary.compileBundled(List.of(cache));

        assertThat(first).isEqualTo(second);
        assertThat(Files.getLastModifiedTime(second).toMillis()).as("reused, not rebuilt").isEqualTo(1_000_000);
        assertThat(first.getFileName().toString()).matches("kj-launcher-[0-9a-f]{16}");
        assertThat(Files.isExecutable(first)).isTrue();
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(first.getFileName().toString());
        }
        Process usage = new ProcessBuilder(first.toString()).redirectErrorStream(true).start();
        assertThat(new String(usage.getInputStream().readAllBytes())).contains("usage: kj-launcher");
        assertThat(usage.waitFor()).isEqualTo(2);
    }

    @Test
    void aDirectoryOthersCanWriteIsNotTrustedWithTheBinary() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path own = dir.resolve("own");

        Path built = LauncherBinary.compileBundled(List.of(shared, own));

        assertThat(built.getParent()).isEqualTo(own);
        assertThatThrownBy(() -> LauncherBinary.compileBundled(List.of(shared)))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("writable by others")
                .hasMessageContaining("KUBEJUDGE_LAUNCHER");
    }
}
