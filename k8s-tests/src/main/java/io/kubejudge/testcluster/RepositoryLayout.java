package io.kubejudge.testcluster;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the KubeJudge checkout the tests run in (the generated CRDs, the runner sources, examples). */
public final class RepositoryLayout {

    private RepositoryLayout() {
    }

    /**
     * The checkout's root: the system property {@code kubejudge.repo.root} (set by the k8s-tests
     * pom) or the nearest ancestor of the working directory holding {@code crds/generated}.
     */
    public static Path root() {
        String configured = System.getProperty("kubejudge.repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("crds/generated"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the KubeJudge checkout: no crds/generated above "
                + Path.of("").toAbsolutePath() + "; set -Dkubejudge.repo.root");
    }

    public static Path generatedCrds() {
        return root().resolve("crds/generated");
    }
}
