package io.kubejudge.install;

import io.kubejudge.testcluster.RepositoryLayout;
import io.kubejudge.testcluster.docker.DockerTestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The images the chart installs, built from this checkout by {@code scripts/build-images.sh} (which
 * starts Docker or fails, and skips unchanged images), and the test's Redis image.
 */
record KubejudgeImages(List<String> references, String redis) {

    static KubejudgeImages build() {
        String redis = DockerTestImages.image("redis");
        try {
            Process p = new ProcessBuilder(RepositoryLayout.root().resolve("scripts/build-images.sh").toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("scripts/build-images.sh failed (its output is above): " + out);
            }
            List<String> references = out.lines().toList();
            if (!references.equals(List.of("kubejudge/operator:0.1.0", "kubejudge/api:0.1.0", "kubejudge/judge-runner:0.1.0"))) {
                throw new AssertionError("scripts/build-images.sh printed " + references + ", not the chart's three images");
            }
            return new KubejudgeImages(references, redis);
        } catch (IOException e) {
            throw new AssertionError("cannot run scripts/build-images.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The user an image runs as ({@code USER} of its Dockerfile). */
    static String user(String image) {
        return DockerTestImages.docker("image", "inspect", "--format", "{{.Config.User}}", image);
    }

    /** The programs of a build tool chain found on the image's PATH (run read-only, without network, as nobody). */
    static List<String> buildToolsIn(String image) {
        String out = DockerTestImages.docker("run", "--rm", "--network", "none", "--read-only", "--user", "65534:65534",
                "--entrypoint", "/bin/sh", image, "-c",
                "for t in gcc cc c++ g++ clang tcc javac jar make cmake as ld go rustc; do command -v $t; done; true");
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    /** The operator's image (the first reference build-images.sh prints). */
    String operator() {
        return references.get(0);
    }

    /** The runner's image (the third reference build-images.sh prints). */
    String runner() {
        return references.get(2);
    }

    /** The API's image (the second reference build-images.sh prints). */
    String api() {
        return references.get(1);
    }

    /**
     * A user's bearer token, signed by the API image's own MintToken (docs: MintToken's javadoc) with
     * the dev key mounted from the API's test resources: the image holds no private key.
     */
    static String mintToken(String apiImage, String user, String... roles) {
        String devKey = RepositoryLayout.root().resolve("api/src/test/resources/dev-keys/privateKey.pem").toString();
        List<String> args = new java.util.ArrayList<>(List.of("run", "--rm", "--network", "none",
                "-v", devKey + ":/tmp/dev-key.pem:ro", "--entrypoint", "java", apiImage,
                "-cp", "/opt/kubejudge/api/app/*:/opt/kubejudge/api/lib/main/*:/opt/kubejudge/api/lib/boot/*",
                "io.kubejudge.api.auth.MintToken", "--key", "/tmp/dev-key.pem", "--user", user));
        for (String role : roles) {
            args.addAll(List.of("--role", role));
        }
        // The token is the last line (the JVM may warn before it).
        return DockerTestImages.docker(args.toArray(String[]::new)).lines()
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("MintToken printed nothing"));
    }
}
