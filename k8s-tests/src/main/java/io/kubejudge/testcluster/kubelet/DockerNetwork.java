package io.kubejudge.testcluster.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One test cluster's pod network: a user-defined Docker bridge network with a /24 of its own, so
 * that every pod gets a fixed IP for its life (the kubelet's sandbox IP) and Docker's embedded DNS
 * resolves the pods' network aliases (the Services' names). The host is the network's gateway
 * ({@code .1}): the test JVM reaches pods at their IPs, and pods reach servers of the test JVM that
 * listen on the gateway address (the API server does). Every container and the network carry the
 * labels {@link #CLUSTER_LABEL} and {@link #OWNER_PID_LABEL}, so that what a test cluster leaves
 * behind is removed at its close, and what a killed JVM left behind is removed at the next start.
 *
 * <p>Whether the owning JVM is gone is not told by its pid: test runs inside scripts/contained.sh have
 * PID namespaces of their own, where another run's pid means nothing (or another process), and a
 * pid check removed the live networks of a concurrent contained run. The owner holds a lock on a
 * file ({@link #OWNER_LOCK_LABEL}) for its life; the kernel drops it when the JVM dies, whatever
 * its namespace. A network without that label (made before it existed) is left alone.
 */
public final class DockerNetwork implements AutoCloseable {

    public static final String CLUSTER_LABEL = "io.kubejudge.testcluster";
    public static final String OWNER_PID_LABEL = "io.kubejudge.testcluster.owner-pid";
    public static final String OWNER_LOCK_LABEL = "io.kubejudge.testcluster.owner-lock";
    private static final Path LOCK_DIR = Path.of("/tmp/kubejudge-test-clusters");
    /** This JVM's lock file, locked until the JVM ends (the channel and lock are never closed). */
    private static Path ownerLock;
    @SuppressWarnings("unused")
    private static FileLock heldLock;

    private static final Logger LOG = LoggerFactory.getLogger(DockerNetwork.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String clusterId;
    private final String name;
    private final String prefix;
    private final BitSet used = new BitSet(256);

    private DockerNetwork(String clusterId, String name, String prefix) {
        this.clusterId = clusterId;
        this.name = name;
        this.prefix = prefix;
        used.set(0, 2);  // network and gateway
        used.set(255);   // broadcast
    }

    /** Removes what dead test JVMs left, then creates this cluster's network on a free 10.x.y.0/24. */
    public static DockerNetwork create() {
        removeLeftovers();
        String clusterId = Long.toString(Math.abs(RANDOM.nextLong()), 36).substring(0, 8);
        String name = "kubejudge-test-" + clusterId;
        for (int attempt = 0; attempt < 30; attempt++) {
            String prefix = "10." + (200 + RANDOM.nextInt(50)) + "." + RANDOM.nextInt(256) + ".";
            DockerCli.Result r = DockerCli.run(List.of("network", "create", "--driver", "bridge",
                    "--subnet", prefix + "0/24", "--gateway", prefix + "1",
                    "--label", CLUSTER_LABEL + "=" + clusterId, "--label", OWNER_PID_LABEL + "=" + ProcessHandle.current().pid(),
                    "--label", OWNER_LOCK_LABEL + "=" + ownerLock(), name));
            if (r.ok()) {
                LOG.info("test cluster pod network {} on {}0/24", name, prefix);
                return new DockerNetwork(clusterId, name, prefix);
            }
            if (!r.stderr().contains("overlap")) {
                throw new IllegalStateException("docker network create failed: " + r.stderr());
            }
        }
        throw new IllegalStateException("no free 10.x.y.0/24 for a Docker network after 30 attempts");
    }

    public String clusterId() {
        return clusterId;
    }

    public String name() {
        return name;
    }

    /** The host's address on the pod network: where pods reach servers in the test JVM. */
    public String gateway() {
        return prefix + "1";
    }

    /** Labels every container of this cluster carries. */
    List<String> labelArgs() {
        return List.of("--label", CLUSTER_LABEL + "=" + clusterId,
                "--label", OWNER_PID_LABEL + "=" + ProcessHandle.current().pid());
    }

    synchronized String allocateIp() {
        int host = used.nextClearBit(2);
        if (host >= 255) {
            throw new IllegalStateException("pod network " + name + " is full (253 pods)");
        }
        used.set(host);
        return prefix + host;
    }

    synchronized void releaseIp(String ip) {
        if (ip != null && ip.startsWith(prefix)) {
            used.clear(Integer.parseInt(ip.substring(prefix.length())));
        }
    }

    @Override
    public void close() {
        // A container whose removal the kubelet started a moment ago may still hold its endpoint on the
        // network ("has active endpoints"): remove what is left and try again for a while.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        DockerCli.Result r;
        while (true) {
            removeContainers("label=" + CLUSTER_LABEL + "=" + clusterId);
            r = DockerCli.run(List.of("network", "rm", name));
            if (r.ok() || System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!r.ok()) {
            LOG.warn("docker network rm {}: {}", name, r.stderr());
        }
    }

    /** Containers and networks of test clusters whose JVM is gone. */
    static void removeLeftovers() {
        List<String> stale = new ArrayList<>();
        String listed = DockerCli.check(List.of("network", "ls", "--filter", "label=" + CLUSTER_LABEL,
                "--format", "{{.Name}} {{.Label \"" + OWNER_LOCK_LABEL + "\"}} {{.Label \"" + CLUSTER_LABEL + "\"}}"));
        for (String line : listed.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && ownerGone(Path.of(f[1]))) {
                removeContainers("label=" + CLUSTER_LABEL + "=" + f[2]);
                stale.add(f[0]);
            }
        }
        stale.forEach(n -> DockerCli.run(List.of("network", "rm", n)));
        if (!stale.isEmpty()) {
            LOG.info("removed pod networks left by test JVMs that are gone: {}", stale);
        }
    }

    private static void removeContainers(String filter) {
        String ids = DockerCli.check(List.of("ps", "-aq", "--filter", filter));
        if (!ids.isBlank()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f", "-v"));
            args.addAll(ids.lines().toList());
            DockerCli.run(args);
        }
    }

    /** This JVM's owner lock file, made and locked on first use. */
    static synchronized Path ownerLock() {
        if (ownerLock == null) {
            try {
                Files.createDirectories(LOCK_DIR);
                Path file = Files.createTempFile(LOCK_DIR, "owner-", ".lock");
                FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                heldLock = channel.lock();
                ownerLock = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the test cluster's owner lock in " + LOCK_DIR, e);
            }
        }
        return ownerLock;
    }

    /** True when nobody holds the owner's lock (its JVM ended); then the lock file goes too. */
    static boolean ownerGone(Path lock) {
        if (lock.equals(ownerLock()) || !lock.startsWith(LOCK_DIR)) {
            return false;
        }
        if (!Files.exists(lock)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return false;
            }
            probe.release();
            Files.deleteIfExists(lock);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
