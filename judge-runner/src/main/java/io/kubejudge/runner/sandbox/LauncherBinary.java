package io.kubejudge.runner.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds the native launcher: {@code $KUBEJUDGE_LAUNCHER}, else the image's
 * {@code /usr/lib/kubejudge/kj-launcher}, else the bundled source compiled once with {@code cc -O2}
 * into a per-user cache (named by the source's hash, so an updated runner never uses a stale
 * launcher).
 */
public final class LauncherBinary {

    public static final String ENV_OVERRIDE = "KUBEJUDGE_LAUNCHER";
    public static final Path IMAGE_PATH = Path.of("/usr/lib/kubejudge/kj-launcher");
    static final String SOURCE_RESOURCE = "kj-launcher.c";

    private static volatile Path located;

    private LauncherBinary() {
    }

    public static Path locate() throws SandboxException {
        Path found = located;
        if (found == null) {
            synchronized (LauncherBinary.class) {
                if (located == null) {
                    located = find();
                }
                found = located;
            }
        }
        return found;
    }

    private static Path find() throws SandboxException {
        String override = System.getenv(ENV_OVERRIDE);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (!Files.isExecutable(p)) {
                throw new SandboxException(ENV_OVERRIDE + "=" + override + " is not an executable file");
            }
            return p;
        }
        if (Files.isExecutable(IMAGE_PATH)) {
            return IMAGE_PATH;
        }
        return compileBundled(cacheDirs());
    }

    /** The bundled source compiled into the first usable directory of {@code dirs}, or found there already. */
    static Path compileBundled(List<Path> dirs) throws SandboxException {
        byte[] source = bundledSource();
        String name = "kj-launcher-" + HexFormat.of().formatHex(sha256(source), 0, 8);
        List<String> problems = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                prepareCacheDir(dir);
                Path binary = dir.resolve(name);
                if (Files.isExecutable(binary)) {
                    return binary;
                }
                compile(source, dir, binary);
                return binary;
            } catch (IOException e) {
                problems.add(dir + ": " + e.getMessage());
            }
        }
        throw new SandboxException("cannot build the sandbox launcher (set " + ENV_OVERRIDE
                + " to a built kj-launcher, or install a C compiler as cc): " + String.join("; ", problems));
    }

    private static void compile(byte[] source, Path dir, Path binary) throws IOException {
        // Temporary names, then a rename: a concurrent runner sees either nothing or a whole binary.
        Path src = Files.createTempFile(dir, "kj-launcher-", ".c");
        Path tmp = Files.createTempFile(dir, "kj-launcher-", ".tmp");
        try {
            Files.write(src, source);
            Process cc = new ProcessBuilder("cc", "-O2", "-o", tmp.toString(), src.toString())
                    .redirectErrorStream(true).start();
            String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cc.waitFor(120, TimeUnit.SECONDS) || cc.exitValue() != 0) {
                cc.destroyForcibly();
                throw new IOException("cc -O2 kj-launcher.c failed: " + output.strip());
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(tmp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, binary, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling the launcher", e);
        } finally {
            Files.deleteIfExists(src);
            Files.deleteIfExists(tmp);
        }
    }

    private static List<Path> cacheDirs() {
        List<Path> dirs = new ArrayList<>();
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            dirs.add(Path.of(xdg, "kubejudge"));
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && !"?".equals(home)) {
            dirs.add(Path.of(home, ".cache", "kubejudge"));
        }
        // The pod: no writable home, but a writable /tmp.
        dirs.add(Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "kubejudge-" + currentUid()));
        return dirs;
    }

    /**
     * A shared directory such as /tmp could have been prepared by another user: only a directory
     * we own and nobody else can write is trusted to hold a binary we will run.
     */
    private static void prepareCacheDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        int owner = (Integer) Files.getAttribute(dir, "unix:uid");
        if (owner != currentUid()) {
            throw new IOException("owned by uid " + owner + ", not by us");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException("writable by others");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("not writable");
        }
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            return -1;
        }
    }

    static byte[] bundledSource() throws SandboxException {
        try (InputStream in = LauncherBinary.class.getResourceAsStream(SOURCE_RESOURCE)) {
            if (in == null) {
                throw new SandboxException("the launcher source " + SOURCE_RESOURCE + " is missing from the runner's classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SandboxException("cannot read the bundled launcher source: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
