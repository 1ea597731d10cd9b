package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod's container as {@code docker create} arguments, translating what the kubelet and a CRI
 * runtime would do:
 * <ul>
 *   <li>identity: {@code runAsUser}/{@code runAsGroup} (container over pod) as {@code --user} (a user
 *       without a group takes the image's passwd entry, as with containerd); {@code fsGroup} and
 *       {@code supplementalGroups} as {@code --group-add}; {@code runAsNonRoot} is checked first
 *       ({@link #runAsNonRootViolation}, the kubelet's messages);</li>
 *   <li>hardening: {@code readOnlyRootFilesystem} {@code --read-only}; {@code capabilities}
 *       {@code --cap-drop}/{@code --cap-add}; {@code allowPrivilegeEscalation: false}
 *       {@code --security-opt no-new-privileges}; {@code privileged}; {@code seccompProfile}
 *       {@code RuntimeDefault} = Docker's default profile, {@code Localhost} = the file under the
 *       kubelet's seccomp root (missing: {@link ContainerCreateException}, as containerd fails),
 *       {@code Unconfined} and no profile at all = unconfined (the kubelet's default without
 *       {@code --seccomp-default});</li>
 *   <li>resources: {@code limits.memory} {@code --memory} (no swap), {@code limits.cpu} {@code --cpus},
 *       the kubelet's {@code podPidsLimit} as {@code --pids-limit} (per container here, per pod in Kubernetes);</li>
 *   <li>the pod's network, IPC (and with {@code shareProcessNamespace}, PID) namespaces: the sandbox's;</li>
 *   <li>volumes as bind mounts (ConfigMap, Secret and projected ones read-only, as the kubelet mounts
 *       them; {@code subPath}s), {@code emptyDir} of medium {@code Memory} as a tmpfs of its
 *       {@code sizeLimit} (a tmpfs per container here: not shared between a pod's containers);
 *       the ServiceAccount volume; the termination message file;</li>
 *   <li>command and args: {@code command} replaces the image's entrypoint, {@code args} its cmd
 *       (already {@code $(VAR)}-expanded); {@code workingDir}; the environment through a file, values
 *       with line breaks through the docker command's own environment ({@code -e NAME}).</li>
 * </ul>
 */
final class DockerContainerArgs {

    /** What to run {@code docker} with. */
    record DockerCreate(List<String> args, Map<String, String> cliEnvironment) {
    }

    private DockerContainerArgs() {
    }

    /** The kubelet's refusal for {@code runAsNonRoot}, or empty when the container may start. */
    static Optional<String> runAsNonRootViolation(Pod pod, Container container, DockerImages.Image image) {
        PodSecurityContext psc = pod.getSpec().getSecurityContext();
        SecurityContext sc = container.getSecurityContext();
        Boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot()
                : psc == null ? null : psc.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) {
            return Optional.empty();
        }
        String where = "(pod: \"" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
                + pod.getMetadata().getUid() + ")\", container: " + container.getName() + ")";
        Long uid = runAsUser(psc, sc);
        if (uid != null) {
            return uid == 0 ? Optional.of("container's runAsUser breaks non-root policy " + where) : Optional.empty();
        }
        String user = image.user().split(":", 2)[0];
        if (user.isEmpty() || user.equals("root") || user.equals("0")) {
            return Optional.of("container has runAsNonRoot and image will run as root " + where);
        }
        if (!user.chars().allMatch(Character::isDigit)) {
            return Optional.of("container has runAsNonRoot and image has non-numeric user (" + user
                    + "), cannot verify user is non-root " + where);
        }
        return Optional.empty();
    }

    static DockerCreate create(Pod pod, Container container, String containerName, String sandbox, List<String> labels,
                               Map<String, Path> volumes, Optional<Path> serviceAccount, Map<String, String> env,
                               List<String> command, List<String> args, DockerImages.Image image,
                               KubeletSettings settings, Path envFile, Path terminationFile) throws java.io.IOException {
        List<String> a = new ArrayList<>(List.of("create", "--name", containerName));
        a.addAll(labels);
        a.addAll(List.of("--label", "io.kubejudge.testcluster.pod=" + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(),
                "--label", "io.kubejudge.testcluster.container=" + container.getName()));
        a.addAll(List.of("--network", "container:" + sandbox, "--ipc", "container:" + sandbox));
        if (Boolean.TRUE.equals(pod.getSpec().getShareProcessNamespace())) {
            a.addAll(List.of("--pid", "container:" + sandbox));
        }
        security(a, pod, container, image, settings);
        resources(a, container, settings);
        mounts(a, pod, container, volumes, serviceAccount, terminationFile);
        Map<String, String> cliEnv = environment(a, env, envFile);
        if (container.getWorkingDir() != null && !container.getWorkingDir().isEmpty()) {
            a.addAll(List.of("--workdir", container.getWorkingDir()));
        }
        List<String> trailing = new ArrayList<>();
        if (!command.isEmpty()) {
            a.addAll(List.of("--entrypoint", command.get(0)));
            trailing.addAll(command.subList(1, command.size()));
            trailing.addAll(args);
        } else {
            trailing.addAll(args);
        }
        a.add(container.getImage());
        a.addAll(trailing);
        return new DockerCreate(a, cliEnv);
    }

    private static Long runAsUser(PodSecurityContext psc, SecurityContext sc) {
        return sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : psc == null ? null : psc.getRunAsUser();
    }

    private static void security(List<String> a, Pod pod, Container container, DockerImages.Image image, KubeletSettings settings) {
        PodSecurityContext psc = pod.getSpec().getSecurityContext();
        SecurityContext sc = container.getSecurityContext();
        Long uid = runAsUser(psc, sc);
        Long gid = sc != null && sc.getRunAsGroup() != null ? sc.getRunAsGroup() : psc == null ? null : psc.getRunAsGroup();
        if (uid != null) {
            a.addAll(List.of("--user", gid == null ? uid.toString() : uid + ":" + gid));
        } else if (gid != null) {
            String imageUser = image.user().split(":", 2)[0];
            a.addAll(List.of("--user", (imageUser.isEmpty() ? "0" : imageUser) + ":" + gid));
        }
        if (psc != null) {
            if (psc.getFsGroup() != null) {
                a.addAll(List.of("--group-add", psc.getFsGroup().toString()));
            }
            for (Long g : psc.getSupplementalGroups()) {
                a.addAll(List.of("--group-add", g.toString()));
            }
        }
        boolean privileged = sc != null && Boolean.TRUE.equals(sc.getPrivileged());
        if (privileged) {
            a.add("--privileged");
        }
        if (sc != null && Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            a.add("--read-only");
        }
        Capabilities caps = sc == null ? null : sc.getCapabilities();
        if (caps != null) {
            caps.getDrop().forEach(c -> a.addAll(List.of("--cap-drop", c)));
            caps.getAdd().forEach(c -> a.addAll(List.of("--cap-add", c)));
        }
        if (sc != null && Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            a.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        if (!privileged) {
            SeccompProfile profile = sc != null && sc.getSeccompProfile() != null ? sc.getSeccompProfile()
                    : psc == null ? null : psc.getSeccompProfile();
            String type = profile == null ? "Unconfined" : profile.getType();
            switch (type) {
                case "RuntimeDefault" -> { } // Docker applies its default profile
                case "Unconfined" -> a.addAll(List.of("--security-opt", "seccomp=unconfined"));
                case "Localhost" -> {
                    Path file = settings.seccompRoot().resolve(profile.getLocalhostProfile()).normalize();
                    if (!file.startsWith(settings.seccompRoot())) {
                        throw new UnsupportedPodException("seccompProfile Localhost: " + profile.getLocalhostProfile()
                                + " escapes the kubelet's seccomp root " + settings.seccompRoot());
                    }
                    if (!Files.isRegularFile(file)) {
                        // containerd's words when the profile is not on the node (the kubelet passes the path on).
                        throw new ContainerCreateException("failed to create containerd container: cannot load seccomp profile \""
                                + file + "\": open " + file + ": no such file or directory");
                    }
                    a.addAll(List.of("--security-opt", "seccomp=" + file));
                }
                default -> throw new UnsupportedPodException("seccompProfile type " + type + " is not one of RuntimeDefault, Localhost, Unconfined");
            }
        }
    }

    private static void resources(List<String> a, Container container, KubeletSettings settings) {
        Map<String, Quantity> limits = container.getResources() == null || container.getResources().getLimits() == null
                ? Map.of() : container.getResources().getLimits();
        if (limits.containsKey("memory")) {
            String bytes = limits.get("memory").getNumericalAmount().toBigInteger().toString();
            a.addAll(List.of("--memory", bytes, "--memory-swap", bytes));
        }
        if (limits.containsKey("cpu")) {
            // Docker refuses more CPUs than the host has; a limit above that limits nothing anyway.
            BigDecimal cpus = limits.get("cpu").getNumericalAmount().min(BigDecimal.valueOf(Runtime.getRuntime().availableProcessors()));
            a.addAll(List.of("--cpus", cpus.stripTrailingZeros().toPlainString()));
        }
        if (settings.podPidsLimit() > 0) {
            a.addAll(List.of("--pids-limit", Integer.toString(settings.podPidsLimit())));
        }
    }

    private static void mounts(List<String> a, Pod pod, Container container, Map<String, Path> volumes,
                               Optional<Path> serviceAccount, Path terminationFile) throws java.io.IOException {
        boolean ownServiceAccountMount = false;
        for (VolumeMount m : container.getVolumeMounts()) {
            Volume volume = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(m.getName())).findFirst()
                    .orElseThrow(() -> new UnsupportedPodException("container " + container.getName()
                            + ": volumeMounts " + m.getName() + " names no volume of the pod"));
            ownServiceAccountMount |= ServiceAccountVolume.MOUNT_PATH.equals(trimSlash(m.getMountPath()));
            boolean hasSubPath = m.getSubPath() != null && !m.getSubPath().isEmpty();
            if (volume.getEmptyDir() != null && "Memory".equals(volume.getEmptyDir().getMedium())) {
                if (hasSubPath) {
                    throw new UnsupportedPodException("volume " + m.getName() + ": subPath in a Memory emptyDir is not emulated");
                }
                Quantity size = volume.getEmptyDir().getSizeLimit();
                a.addAll(List.of("--tmpfs", m.getMountPath() + ":rw,mode=1777"
                        + (size == null ? "" : ",size=" + size.getNumericalAmount().toBigInteger())));
                continue;
            }
            Path source = volumes.get(m.getName());
            if (hasSubPath) {
                Path sub = source.resolve(m.getSubPath()).normalize();
                if (!sub.startsWith(source)) {
                    throw new UnsupportedPodException("volumeMounts " + m.getName() + ": subPath escapes the volume");
                }
                if (!Files.exists(sub)) {
                    Files.createDirectories(sub);
                }
                source = sub;
            }
            boolean readOnly = Boolean.TRUE.equals(m.getReadOnly()) || volume.getSecret() != null
                    || volume.getConfigMap() != null || volume.getProjected() != null;
            a.addAll(List.of("--mount", "type=bind,source=" + source + ",target=" + m.getMountPath() + (readOnly ? ",readonly" : "")));
        }
        if (serviceAccount.isPresent() && !ownServiceAccountMount) {
            a.addAll(List.of("--mount", "type=bind,source=" + serviceAccount.get() + ",target=" + ServiceAccountVolume.MOUNT_PATH
                    + ",readonly"));
        }
        String terminationPath = container.getTerminationMessagePath() == null ? "/dev/termination-log"
                : container.getTerminationMessagePath();
        a.addAll(List.of("--mount", "type=bind,source=" + terminationFile + ",target=" + terminationPath));
    }

    private static Map<String, String> environment(List<String> a, Map<String, String> env, Path envFile) throws java.io.IOException {
        StringBuilder file = new StringBuilder();
        Map<String, String> cliEnv = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getValue().contains("\n") || e.getValue().contains("\r")) {
                if (e.getKey().startsWith("DOCKER_") || e.getKey().equals("PATH") || e.getKey().equals("HOME")) {
                    throw new UnsupportedPodException("env " + e.getKey() + ": a multi-line value under this name is not emulated");
                }
                cliEnv.put(e.getKey(), e.getValue());
                a.addAll(List.of("--env", e.getKey()));
            } else {
                file.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
        }
        Files.writeString(envFile, file);
        Files.setPosixFilePermissions(envFile, PodVolumes.permissions(0600));
        a.addAll(List.of("--env-file", envFile.toString()));
        return cliEnv;
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
