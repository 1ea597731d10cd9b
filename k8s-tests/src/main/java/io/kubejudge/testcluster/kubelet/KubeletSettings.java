package io.kubejudge.testcluster.kubelet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the stand-in kubelet behaves.
 *
 * @param nodeName                name of the one node all pods are bound to
 * @param maxRunningContainers    containers executing at once (the node's CPUs, in effect): pods beyond
 *                                it are Running but their next container waits for a slot
 * @param retryInterval           how often image pulls and missing volumes are retried
 * @param workRoot                host directory holding each pod's volumes, logs and scratch space
 * @param keepPodDirectories      keep a pod's directory after the pod is deleted (for debugging)
 * @param baseEnvironment         what the image's environment would hold (PATH, HOME, ...)
 * @param podPidsLimit            Docker pods: the kubelet's {@code podPidsLimit}, applied per container
 *                                ({@code --pids-limit}); -1 for none
 * @param seccompRoot             Docker pods: where {@code seccompProfile: Localhost} profiles are looked up
 *                                (the kubelet's {@code <root-dir>/seccomp})
 * @param crashLoopBackOff        Docker pods: the first restart back-off of a container that ended (doubling,
 *                                up to five minutes; Kubernetes: 10 s)
 * @param sandboxImage            Docker pods: the image of the container holding a pod's network namespace
 *                                (the "pause" container); it runs {@code sleep infinity}
 */
public record KubeletSettings(String nodeName, int maxRunningContainers, Duration retryInterval, Path workRoot,
                              boolean keepPodDirectories, Map<String, String> baseEnvironment, int podPidsLimit,
                              Path seccompRoot, Duration crashLoopBackOff, String sandboxImage) {

    public static KubeletSettings defaults(Path workRoot) {
        return new KubeletSettings("kubejudge-test-node", Math.max(2, Runtime.getRuntime().availableProcessors() * 2),
                Duration.ofMillis(300), workRoot, false, hostEnvironment(), 4096, workRoot.resolve(".seccomp"),
                Duration.ofSeconds(10), "debian:bookworm-slim");
    }

    /** The host directory of one pod (its volumes, logs, scratch space): unique per pod incarnation. */
    public Path podDirectory(io.fabric8.kubernetes.api.model.Pod pod) {
        return workRoot.resolve(pod.getMetadata().getNamespace()).resolve(pod.getMetadata().getName() + "-" + pod.getMetadata().getUid());
    }

    public KubeletSettings withMaxRunningContainers(int n) {
        return new KubeletSettings(nodeName, n, retryInterval, workRoot, keepPodDirectories, baseEnvironment, podPidsLimit,
                seccompRoot, crashLoopBackOff, sandboxImage);
    }

    public KubeletSettings withKeepPodDirectories(boolean keep) {
        return new KubeletSettings(nodeName, maxRunningContainers, retryInterval, workRoot, keep, baseEnvironment, podPidsLimit,
                seccompRoot, crashLoopBackOff, sandboxImage);
    }

    public KubeletSettings withPodPidsLimit(int limit) {
        return new KubeletSettings(nodeName, maxRunningContainers, retryInterval, workRoot, keepPodDirectories, baseEnvironment,
                limit, seccompRoot, crashLoopBackOff, sandboxImage);
    }

    public KubeletSettings withSeccompRoot(Path root) {
        return new KubeletSettings(nodeName, maxRunningContainers, retryInterval, workRoot, keepPodDirectories, baseEnvironment,
                podPidsLimit, root, crashLoopBackOff, sandboxImage);
    }

    public KubeletSettings withCrashLoopBackOff(Duration backOff) {
        return new KubeletSettings(nodeName, maxRunningContainers, retryInterval, workRoot, keepPodDirectories, baseEnvironment,
                podPidsLimit, seccompRoot, backOff, sandboxImage);
    }

    /**
     * The host's PATH and HOME (so that compilers installed on the host, and caches under HOME such
     * as the runner's compiled launcher, are found) plus the KubeJudge and locale variables set here.
     */
    static Map<String, String> hostEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("KUBEJUDGE_") || k.equals("XDG_CACHE_HOME") || k.equals("LANG") || k.startsWith("LC_")) {
                env.put(k, v);
            }
        });
        return env;
    }
}
