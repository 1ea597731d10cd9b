package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.testcluster.controller.VolumeBinder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Materialises a pod's volumes as host directories. ConfigMap, Secret and projected volumes use
 * the kubelet's atomic-writer layout — the files live in a timestamped {@code ..2024_...} directory,
 * {@code ..data} links to it, and each top-level name links into {@code ..data} — because code that
 * lists a mounted ConfigMap directory sees those dot entries in a real pod too.
 */
public final class PodVolumes {

    private static final int DEFAULT_MODE = 0644;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss.SSSSSSSSS");

    private final KubernetesClient client;
    private final Path claimsRoot;

    /** @param claimsRoot where the data of persistent volume claims lives, a directory per claim */
    public PodVolumes(KubernetesClient client, Path claimsRoot) {
        this.client = client;
        this.claimsRoot = claimsRoot;
    }

    /** Host directory of each volume, by volume name. */
    public Map<String, Path> materialise(Pod pod, Path volumesDir) throws IOException, VolumeNotReadyException {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (Volume volume : pod.getSpec().getVolumes()) {
            Path dir = volumesDir.resolve(volume.getName());
            if (volume.getEmptyDir() != null) {
                createWorldWritable(dir);
            } else if (volume.getConfigMap() != null) {
                var source = volume.getConfigMap();
                Map<String, byte[]> files = selectItems(configMapData(namespace, source.getName(), source.getOptional()),
                        source.getItems(), "configmap", source.getName(), source.getOptional());
                writeAtomically(dir, files, modes(source.getItems(), source.getDefaultMode()));
            } else if (volume.getSecret() != null) {
                var source = volume.getSecret();
                Map<String, byte[]> files = selectItems(secretData(namespace, source.getSecretName(), source.getOptional()),
                        source.getItems(), "secret", source.getSecretName(), source.getOptional());
                writeAtomically(dir, files, modes(source.getItems(), source.getDefaultMode()));
            } else if (volume.getProjected() != null) {
                Map<String, byte[]> files = new LinkedHashMap<>();
                Map<String, Integer> modes = new HashMap<>();
                Integer defaultMode = volume.getProjected().getDefaultMode();
                for (VolumeProjection p : volume.getProjected().getSources()) {
                    if (p.getConfigMap() != null) {
                        var cm = p.getConfigMap();
                        files.putAll(selectItems(configMapData(namespace, cm.getName(), cm.getOptional()),
                                cm.getItems(), "configmap", cm.getName(), cm.getOptional()));
                        modes.putAll(modes(cm.getItems(), defaultMode));
                    } else if (p.getSecret() != null) {
                        var s = p.getSecret();
                        files.putAll(selectItems(secretData(namespace, s.getName(), s.getOptional()),
                                s.getItems(), "secret", s.getName(), s.getOptional()));
                        modes.putAll(modes(s.getItems(), defaultMode));
                    } else {
                        throw new UnsupportedPodException("volume " + volume.getName()
                                + ": only configMap and secret projections are emulated");
                    }
                }
                modes.putIfAbsent("", defaultMode == null ? DEFAULT_MODE : defaultMode);
                writeAtomically(dir, files, modes);
            } else if (volume.getPersistentVolumeClaim() != null) {
                dir = claimDirectory(namespace, volume.getPersistentVolumeClaim().getClaimName());
            } else {
                throw new UnsupportedPodException("volume " + volume.getName()
                        + ": only emptyDir, configMap, secret, projected and persistentVolumeClaim volumes are emulated");
            }
            dirs.put(volume.getName(), dir);
        }
        return dirs;
    }

    /**
     * The claim's volume: a host directory per claim (by uid: a claim made again under the same name
     * starts empty), world-writable like a local-path provisioner's, kept while the test cluster runs.
     * A claim not yet bound is bound now, as with {@code WaitForFirstConsumer}.
     */
    private Path claimDirectory(String namespace, String claimName) throws IOException, VolumeNotReadyException {
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
        if (claim == null) {
            throw new VolumeNotReadyException("persistentvolumeclaim \"" + claimName + "\" not found");
        }
        if (claim.getMetadata().getDeletionTimestamp() != null) {
            throw new VolumeNotReadyException("persistentvolumeclaim \"" + claimName + "\" is being deleted");
        }
        VolumeBinder.bind(client, claim);
        Path dir = claimsRoot.resolve(namespace).resolve(claimName + "-" + claim.getMetadata().getUid());
        if (!Files.isDirectory(dir)) {
            createWorldWritable(dir);
        }
        return dir;
    }

    /**
     * The kubelet's volume ownership for {@code fsGroup}: every file and directory of the pod's
     * volumes becomes group-owned by it, readable by the group (and writable, except in ConfigMap,
     * Secret and projected volumes), so that the pod's user reaches them through that supplementary
     * group ({@code fsGroupChangePolicy: Always}; no setgid bit on directories here).
     */
    public static void applyFsGroup(Pod pod, Map<String, Path> volumes) throws IOException {
        Long fsGroup = pod.getSpec().getSecurityContext() == null ? null : pod.getSpec().getSecurityContext().getFsGroup();
        if (fsGroup == null) {
            return;
        }
        for (Volume volume : pod.getSpec().getVolumes()) {
            Path dir = volumes.get(volume.getName());
            if (dir == null || !Files.isDirectory(dir)) {
                continue;
            }
            boolean readOnly = volume.getSecret() != null || volume.getConfigMap() != null || volume.getProjected() != null;
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    if (Files.isSymbolicLink(p)) {
                        continue;
                    }
                    Files.setAttribute(p, "unix:gid", fsGroup.intValue(), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    Set<PosixFilePermission> perms = new java.util.HashSet<>(Files.getPosixFilePermissions(p));
                    perms.add(PosixFilePermission.GROUP_READ);
                    if (Files.isDirectory(p)) {
                        perms.add(PosixFilePermission.GROUP_EXECUTE);
                    }
                    if (!readOnly) {
                        perms.add(PosixFilePermission.GROUP_WRITE);
                    }
                    Files.setPosixFilePermissions(p, perms);
                }
            }
        }
    }

    private Map<String, byte[]> configMapData(String namespace, String name, Boolean optional) throws VolumeNotReadyException {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
        if (cm == null) {
            if (Boolean.TRUE.equals(optional)) {
                return Map.of();
            }
            throw new VolumeNotReadyException("MountVolume.SetUp failed: configmap \"" + name + "\" not found");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (cm.getData() != null) {
            cm.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        if (cm.getBinaryData() != null) {
            cm.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        return data;
    }

    private Map<String, byte[]> secretData(String namespace, String name, Boolean optional) throws VolumeNotReadyException {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            if (Boolean.TRUE.equals(optional)) {
                return Map.of();
            }
            throw new VolumeNotReadyException("MountVolume.SetUp failed: secret \"" + name + "\" not found");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return data;
    }

    /** {@code items} chooses keys and renames them; a missing chosen key is an error unless optional. */
    static Map<String, byte[]> selectItems(Map<String, byte[]> data, List<KeyToPath> items, String kind, String name,
                                           Boolean optional) throws VolumeNotReadyException {
        if (items == null || items.isEmpty()) {
            return data;
        }
        Map<String, byte[]> selected = new LinkedHashMap<>();
        for (KeyToPath item : items) {
            byte[] value = data.get(item.getKey());
            if (value == null) {
                if (Boolean.TRUE.equals(optional)) {
                    continue;
                }
                throw new VolumeNotReadyException("MountVolume.SetUp failed: " + kind + " \"" + name
                        + "\" references non-existent config key: " + item.getKey());
            }
            selected.put(item.getPath(), value);
        }
        return selected;
    }

    private static Map<String, Integer> modes(List<KeyToPath> items, Integer defaultMode) {
        Map<String, Integer> modes = new HashMap<>();
        modes.put("", defaultMode == null ? DEFAULT_MODE : defaultMode);
        if (items != null) {
            for (KeyToPath item : items) {
                if (item.getMode() != null) {
                    modes.put(item.getPath(), item.getMode());
                }
            }
        }
        return modes;
    }

    private static void writeAtomically(Path dir, Map<String, byte[]> files, Map<String, Integer> modes) throws IOException {
        Files.createDirectories(dir);
        String stamp = ".." + LocalDateTime.now().format(STAMP);
        Path payload = dir.resolve(stamp);
        Files.createDirectories(payload);
        Set<String> topLevel = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = payload.resolve(file.getKey()).normalize();
            if (!target.startsWith(payload)) {
                throw new UnsupportedPodException("volume item path escapes the volume: " + file.getKey());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
            int mode = modes.getOrDefault(file.getKey(), modes.get(""));
            Files.setPosixFilePermissions(target, permissions(mode));
            topLevel.add(file.getKey().split("/")[0]);
        }
        Files.createSymbolicLink(dir.resolve("..data"), Path.of(stamp));
        for (String name : topLevel) {
            Files.createSymbolicLink(dir.resolve(name), Path.of("..data").resolve(name));
        }
    }

    private static void createWorldWritable(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwx";
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            for (int b = 0; b < 3; b++) {
                s.append((bits & (4 >> b)) != 0 ? rwx.charAt(b) : '-');
            }
        }
        return PosixFilePermissions.fromString(s.toString());
    }
}
