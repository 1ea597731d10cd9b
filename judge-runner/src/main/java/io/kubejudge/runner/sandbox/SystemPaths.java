package io.kubejudge.runner.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The system paths untrusted code may read (Landlock read-only rules; paths missing on a machine
 * are skipped by the launcher). Problem data must never live below one of them: see
 * {@link #exposing(Path)}.
 */
public final class SystemPaths {

    /** Libraries, interpreters and runtimes, configuration, and the harmless devices. */
    private static final List<Path> PROGRAM = paths(
            "/bin", "/lib", "/lib32", "/lib64", "/usr/bin", "/usr/lib", "/usr/lib64", "/usr/libexec",
            "/usr/local/bin", "/usr/local/lib", "/etc", "/proc", "/sys/devices/system/cpu",
            "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random");

    /**
     * Compilers need headers and toolchain data all over /usr. The endless devices are left out:
     * {@code #include "/dev/urandom"} then fails at once instead of eating the compile limits.
     */
    private static final List<Path> COMPILER = paths(
            "/bin", "/lib", "/lib32", "/lib64", "/usr", "/etc", "/proc", "/sys/devices/system/cpu", "/dev/null");

    private SystemPaths() {
    }

    public static List<Path> forPrograms() {
        return PROGRAM;
    }

    public static List<Path> forCompilers() {
        return COMPILER;
    }

    /** The first read-only system path that contains {@code dir}, if any (then its files are not secret). */
    public static java.util.Optional<Path> exposing(Path dir) {
        Path real = dir.toAbsolutePath().normalize();
        try {
            real = dir.toRealPath();
        } catch (java.io.IOException e) {
            // not there (yet): judge the path as given
        }
        Path target = real;
        return Stream.concat(PROGRAM.stream(), COMPILER.stream())
                .filter(p -> !p.toString().startsWith("/dev/"))
                .filter(target::startsWith)
                .findFirst();
    }

    private static List<Path> paths(String... names) {
        return Stream.of(names).map(Path::of).toList();
    }
}
