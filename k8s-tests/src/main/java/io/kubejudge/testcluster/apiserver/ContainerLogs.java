package io.kubejudge.testcluster.apiserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the stand-in kubelet keeps each container's log, so that the API server can serve
 * {@code GET .../pods/{pod}/log?container=...} the way a real one proxies it from the node.
 */
public final class ContainerLogs {

    private final Map<String, Path> files = new ConcurrentHashMap<>();

    public void register(String namespace, String pod, String container, Path file) {
        files.put(key(namespace, pod, container), file);
    }

    public void forgetPod(String namespace, String pod) {
        String prefix = namespace + "/" + pod + "/";
        files.keySet().removeIf(k -> k.startsWith(prefix));
    }

    public Optional<Path> file(String namespace, String pod, String container) {
        return Optional.ofNullable(files.get(key(namespace, pod, container)));
    }

    /** The containers of a pod that have a log, for the "a container name must be given" rule. */
    public java.util.List<String> containers(String namespace, String pod) {
        String prefix = namespace + "/" + pod + "/";
        return files.keySet().stream().filter(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length())).sorted().toList();
    }

    public String read(String namespace, String pod, String container) throws IOException {
        Optional<Path> file = file(namespace, pod, container);
        if (file.isEmpty() || !Files.exists(file.get())) {
            return "";
        }
        return Files.readString(file.get(), StandardCharsets.UTF_8);
    }

    private static String key(String namespace, String pod, String container) {
        return namespace + "/" + pod + "/" + container;
    }
}
