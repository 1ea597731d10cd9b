package io.kubejudge.testcluster.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A test cluster's leftovers belong to a dead JVM only when nobody holds its owner lock: a pid says
 * nothing across the PID namespaces of concurrent contained runs. The other owner here is a JVM of its
 * own holding the lock as DockerNetwork does.
 */
class DockerNetworkOwnerTest {

    @Test
    void anOwnerIsGoneOnlyWhenItsLockIsFree() throws Exception {
        assertThat(DockerNetwork.ownerGone(DockerNetwork.ownerLock())).as("this JVM's own lock").isFalse();

        Path lock = Files.createTempFile(DockerNetwork.ownerLock().getParent(), "owner-test-", ".lock");
        Path holder = Files.createTempFile("LockHolder", ".java");
        Files.writeString(holder, """
                public class LockHolder {
                    public static void main(String[] args) throws Exception {
                        var channel = java.nio.channels.FileChannel.open(java.nio.file.Path.of(args[0]), java.nio.file.StandardOpenOption.WRITE);
                        var lock = channel.lock();
                        System.out.println("locked");
                        Thread.sleep(120_000);
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, holder.toString(), lock.toString()).redirectErrorStream(true).start();
        try {
            String first = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(first).isEqualTo("locked");
            assertThat(DockerNetwork.ownerGone(lock)).as("held by a live JVM").isFalse();
            assertThat(lock).exists();
        } finally {
            other.destroyForcibly();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(DockerNetwork.ownerGone(lock)).as("its JVM ended").isTrue();
        assertThat(lock).doesNotExist();
        assertThat(DockerNetwork.ownerGone(lock)).as("no lock file at all").isTrue();
        assertThat(DockerNetwork.ownerGone(Path.of("/etc/passwd"))).as("not a lock of ours: left alone").isFalse();
        Files.deleteIfExists(holder);
    }
}
