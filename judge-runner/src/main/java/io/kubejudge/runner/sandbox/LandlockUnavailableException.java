package io.kubejudge.runner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher was asked to require Landlock and the kernel (or a seccomp profile around us)
 * cannot give it. Without Landlock a program owns every path its uid owns; in the pod that is all
 * of {@code /work}, its own outputs included, so nothing may be judged.
 */
public class LandlockUnavailableException extends SandboxException {

    private final String kernelRelease;

    public LandlockUnavailableException(String launcherDiagnostics) {
        super("Landlock is unavailable (kernel " + currentKernelRelease() + "), so programs cannot be confined: "
                + launcherDiagnostics);
        this.kernelRelease = currentKernelRelease();
    }

    /** What {@code uname -r} prints. */
    public String kernelRelease() {
        return kernelRelease;
    }

    static String currentKernelRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return System.getProperty("os.version", "unknown");
        }
    }
}
