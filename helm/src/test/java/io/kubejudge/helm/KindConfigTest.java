package io.kubejudge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeNodePoolSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/kind-up.sh cannot run here (no registry, no kind): what it relies on is checked instead —
 * the kind cluster config gives every node a pod pids limit and every judge node the judges' seccomp
 * profile where the kubelet looks for Localhost profiles, and the kind values render with the chart
 * into a default pool that uses exactly that profile on exactly those nodes.
 */
class KindConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String KUBELET_SECCOMP_ROOT = "/var/lib/kubelet/seccomp/";

    private final Path root = HelmChart.kubejudge().dir().getParent().getParent();
    private final Path kind = root.resolve("scripts/kind");

    @Test
    void everyNodeCapsPodPidsAndEveryJudgeNodeHoldsTheProfileTheDefaultPoolUses() throws IOException {
        JsonNode cluster = YAML.readTree(Files.readString(kind.resolve("cluster.yaml")).replace("__KUBEJUDGE_ROOT__", root.toString()));
        assertThat(cluster.path("kind").asText()).isEqualTo("Cluster");
        assertThat(cluster.path("apiVersion").asText()).isEqualTo("kind.x-k8s.io/v1alpha4");

        List<JsonNode> kubeletPatches = new ArrayList<>();
        for (JsonNode patch : cluster.path("kubeadmConfigPatches")) {
            JsonNode document = YAML.readTree(patch.asText());
            if ("KubeletConfiguration".equals(document.path("kind").asText())) {
                kubeletPatches.add(document);
            }
        }
        assertThat(kubeletPatches).as("a cluster-wide KubeletConfiguration patch").hasSize(1);
        assertThat(kubeletPatches.get(0).path("apiVersion").asText()).isEqualTo("kubelet.config.k8s.io/v1beta1");
        assertThat(kubeletPatches.get(0).path("podPidsLimit").asInt()).as("podPidsLimit").isBetween(64, 32768);

        JudgeNodePoolSpec spec = defaultPool().getSpec();
        assertThat(spec.getSeccompProfile().getType()).isEqualTo("Localhost");
        String profilePath = KUBELET_SECCOMP_ROOT + spec.getSeccompProfile().getLocalhostProfile();
        Map<String, String> poolNodes = spec.getNodeSelector();
        assertThat(poolNodes).as("the default pool's nodeSelector").isNotEmpty();

        int judgeNodes = 0;
        for (JsonNode node : cluster.path("nodes")) {
            boolean judges = poolNodes.entrySet().stream().allMatch(e -> e.getValue().equals(node.path("labels").path(e.getKey()).asText(null)));
            if (!judges) {
                continue;
            }
            judgeNodes++;
            assertThat(node.path("role").asText()).isEqualTo("worker");
            JsonNode mount = null;
            for (JsonNode m : node.path("extraMounts")) {
                if (m.path("containerPath").asText().equals(profilePath)) {
                    mount = m;
                }
            }
            assertThat(mount).as("judge node mounts the profile at %s", profilePath).isNotNull();
            Path hostFile = Path.of(mount.path("hostPath").asText());
            assertThat(hostFile).isRegularFile().isEqualTo(root.resolve("judge-runner/seccomp/judge-runner.json"));
            assertThat(mount.path("readOnly").asBoolean()).isTrue();
        }
        assertThat(judgeNodes).as("nodes the default pool may use").isGreaterThanOrEqualTo(1);
    }

    @Test
    void theScriptAppliesTheChartWithoutItsUninstallHook() throws IOException {
        String script = Files.readString(root.resolve("scripts/kind-up.sh"));
        assertThat(script).contains("helm-template.sh\" --no-hooks").contains("--skip-crds")
                .contains("apply --server-side --force-conflicts -f \"$ROOT/helm/kubejudge/crds/\"")
                .contains("scripts/kind/values.yaml");
    }

    /**
     * The API refuses to start without a token key and the chart has none by default: kind-up.sh
     * makes a key pair (scripts/kind/jwt-values.sh, run here as the script runs it) and installs with
     * its values file on both paths (helm, and helm-template.sh piped to kubectl).
     */
    @Test
    void theKindInstallGivesTheApiATokenKey(@TempDir Path state) throws Exception {
        Path values = Path.of(runJwtValues(state));
        assertThat(values).isEqualTo(state.resolve("jwt-values.yaml"));
        String privateKey = Files.readString(state.resolve("jwt-private.pem"));
        assertThat(privateKey).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("jwt-private.pem"))))
                .isEqualTo("rw-------");

        RenderRequest request = RenderRequest.release("kubejudge").namespace("kubejudge").values(kind.resolve("values.yaml")).values(values);
        Rendering rendering = HelmChart.kubejudge().render(request);
        Deployment api = rendering.one(Deployment.class, "kubejudge-api");
        assertThat(api.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
                    assertThat(e.getValue()).isEqualTo("/etc/kubejudge/jwt/publicKey.pem");
                });
        assertThat(rendering.one(Secret.class, "kubejudge-api-jwt").getStringData().get("publicKey.pem").strip())
                .isEqualTo(Files.readString(state.resolve("jwt-public.pem")).strip());
        assertThat(HelmChart.kubejudge().notes(request)).doesNotContain("WARNING");

        runJwtValues(state);
        assertThat(Files.readString(state.resolve("jwt-private.pem"))).as("a rerun keeps the key pair").isEqualTo(privateKey);

        String script = Files.readString(root.resolve("scripts/kind-up.sh"));
        assertThat(script).contains("JWT_VALUES=$(\"$ROOT/scripts/kind/jwt-values.sh\" \"$STATE\")");
        assertThat(script.split("-f \"\\$VALUES\" -f \"\\$JWT_VALUES\"", -1)).as("both install paths pass the key's values").hasSize(3);
    }

    private String runJwtValues(Path state) throws Exception {
        Process p = new ProcessBuilder(root.resolve("scripts/kind/jwt-values.sh").toString(), state.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as("jwt-values.sh exit code").isZero();
        return out;
    }

    private JudgeNodePool defaultPool() {
        Rendering rendering = HelmChart.kubejudge().render(RenderRequest.release("kubejudge").namespace("kubejudge")
                .values(kind.resolve("values.yaml")));
        return rendering.all(JudgeNodePool.class).stream().findFirst().orElseThrow();
    }
}
