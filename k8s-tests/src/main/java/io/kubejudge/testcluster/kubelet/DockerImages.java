package io.kubejudge.testcluster.kubelet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images of the local Docker engine: which are there (the node has "pulled" them; there is no
 * registry here) and their {@code USER}.
 */
final class DockerImages {

    /** An image's configured user, as written in its {@code USER} ("" = root). */
    record Image(String user) {
    }

    private final Map<String, Image> present = new ConcurrentHashMap<>();

    Optional<Image> inspect(String image) {
        Image known = present.get(image);
        if (known != null) {
            return Optional.of(known);
        }
        DockerCli.Result r = DockerCli.run(List.of("image", "inspect", "--format", "{{.Config.User}}", image));
        if (!r.ok()) {
            return Optional.empty();  // not cached: it may be built in a moment
        }
        Image found = new Image(r.stdout().trim());
        present.put(image, found);
        return Optional.of(found);
    }

    boolean isPresent(String image) {
        return inspect(image).isPresent();
    }
}
