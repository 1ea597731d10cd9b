package io.kubejudge.runner.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The judge pod's container settings as {@code docker run} flags, in one place so that every step
 * and every test gets exactly the same: uid/gid 65534, read-only root, no capabilities, no new
 * privileges, KubeJudge's seccomp profile, no network, memory and pid limits, a tmpfs for /tmp.
 * Also the pod's mount points and environment, as the operator's Job builder sets them
 * (docs/pod-contract.md).
 */
final class PodContainer {

    static final String WORK = "/work";
    static final String SUBMISSION = "/submission";
    static final String INPUTS = "/data/inputs";
    static final String DATA = "/data/tests";
    static final String TERMINATION_LOG = "/dev/termination-log";

    /**
     * The label every container of this JVM's tests carries, so that its leftovers can be found
     * (per JVM: another checkout's tests may be running on the same engine).
     */
    static final String LABEL = "io.kubejudge.test=runner-container-" + java.util.UUID.randomUUID();

    static final String MEMORY = "1g";
    static final String PIDS_LIMIT = "256";

    private PodContainer() {
    }

    /**
     * Everything between {@code docker run} and the image, for a container named {@code name}.
     * {@code seccomp} is the value of {@code --security-opt seccomp=} (a profile file, or
     * {@code unconfined}); null leaves Docker's default profile, for comparisons only.
     */
    static List<String> runFlags(String name, String seccomp) {
        return runFlags(name, seccomp, true);
    }

    /**
     * As {@link #runFlags(String, String)}; without {@code pidsLimit}, like a node whose kubelet sets
     * no {@code podPidsLimit} (the default), where only the sandbox's own task cap holds.
     */
    static List<String> runFlags(String name, String seccomp, boolean pidsLimit) {
        List<String> flags = new ArrayList<>(List.of(
                "run", "--rm", "--name", name, "--label", LABEL,
                "--user", "65534:65534",
                "--read-only",
                "--cap-drop", "ALL",
                "--security-opt", "no-new-privileges",
                "--network", "none",
                // Swap equal to memory: no swap, as on a Kubernetes node.
                "--memory", MEMORY, "--memory-swap", MEMORY,
                // The pod's /tmp: a 64 MiB memory emptyDir, which (unlike Docker's default tmpfs) allows exec.
                "--tmpfs", "/tmp:rw,exec,nosuid,nodev,size=64m",
                "-e", "HOME=/tmp", "-e", "XDG_CACHE_HOME=/tmp", "-e", "TMPDIR=/tmp"));
        if (pidsLimit) {
            flags.addAll(List.of("--pids-limit", PIDS_LIMIT));
        }
        if (seccomp != null) {
            flags.addAll(List.of("--security-opt", "seccomp=" + seccomp));
        }
        return flags;
    }

    static List<String> readOnlyMount(Path hostDir, String containerPath) {
        return List.of("-v", hostDir.toAbsolutePath() + ":" + containerPath + ":ro");
    }

    static List<String> writableMount(Path hostPath, String containerPath) {
        return List.of("-v", hostPath.toAbsolutePath() + ":" + containerPath);
    }
}
