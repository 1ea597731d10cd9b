package io.kubejudge.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderJobTest {
    private final KubernetesSerialization yaml = new KubernetesSerialization();
    @TempDir
    Path dir;

    private String[] write(HasMetadata submission, HasMetadata problem, HasMetadata pool) throws Exception {
        Path s = dir.resolve("s.yaml"), p = dir.resolve("p.yaml"), n = dir.resolve("n.yaml");
        Files.writeString(s, yaml.asYaml(submission));
        Files.writeString(p, yaml.asYaml(problem));
        Files.writeString(n, yaml.asYaml(pool));
        return new String[] {s.toString(), p.toString(), n.toString()};
    }

    @Test
    void printsTheConfigMapAndTheJobTheOperatorWouldCreate() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = RenderJob.run(write(Fixtures.submission("sub-1"), Fixtures.problem("aplusb", 2), Fixtures.pool("default", 2)),
                new PrintStream(out), new PrintStream(err));
        assertThat(code).as(err.toString()).isZero();
        List<HasMetadata> objects = yaml.unmarshal(new ByteArrayInputStream(out.toByteArray()));
        assertThat(objects).hasSize(2);
        assertThat(objects.get(0)).isInstanceOf(ConfigMap.class);
        assertThat(objects.get(0).getMetadata().getName()).isEqualTo("sub-1-1");
        Job job = (Job) objects.get(1);
        assertThat(job.getMetadata().getName()).isEqualTo("sub-1-1");
        assertThat(RestrictedPodSecurity.violations(job.getSpec().getTemplate().getSpec())).isEmpty();
    }

    @Test
    void examplesRenderAndPassTheRestrictedCheck() throws Exception {
        Path examples = Path.of("..", "examples");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = RenderJob.run(new String[] {examples.resolve("kubernetes/submission-aplusb-cpp.yaml").toString(),
                examples.resolve("problems/aplusb/kubernetes.yaml").toString(),
                examples.resolve("kubernetes/pool-default.yaml").toString()}, new PrintStream(out), new PrintStream(err));
        assertThat(code).as(err.toString()).isZero();
        List<HasMetadata> objects = yaml.unmarshal(new ByteArrayInputStream(out.toByteArray()));
        Job job = (Job) objects.get(1);
        assertThat(job.getMetadata().getName()).isEqualTo("aplusb-demo-1-1");
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("Localhost");
        var inputs = pod.getVolumes().stream().filter(v -> v.getName().equals("inputs")).findFirst().orElseThrow();
        assertThat(inputs.getProjected().getSources()).allSatisfy(p -> {
            assertThat(p.getConfigMap().getOptional()).as("the problem file carries its ConfigMaps: layout known").isNull();
            assertThat(p.getConfigMap().getItems()).allSatisfy(i -> assertThat(i.getKey()).endsWith(".in"));
        });
    }

    /** Every example problem with a submission in every language, on the example pool. */
    @Test
    void everyExampleProblemInEveryLanguageRendersARestrictedPod() throws Exception {
        Path examples = Path.of("..", "examples");
        Path pool = examples.resolve("kubernetes/pool-default.yaml");
        JudgeSubmission example = yaml.unmarshal(
                Files.readString(examples.resolve("kubernetes/submission-aplusb-cpp.yaml")), JudgeSubmission.class);
        for (var problem : List.of(Map.entry("aplusb", examples.resolve("problems/aplusb/kubernetes.yaml")),
                Map.entry("hello", examples.resolve("kubernetes/problem-inline.yaml")))) {
            for (Language language : Language.values()) {
                example.getSpec().setProblem(problem.getKey());
                example.getSpec().setLanguage(language);
                Path submission = dir.resolve("submission.yaml");
                Files.writeString(submission, yaml.asYaml(example));
                ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
                int code = RenderJob.run(new String[] {submission.toString(), problem.getValue().toString(), pool.toString()},
                        new PrintStream(out), new PrintStream(err));
                assertThat(code).as("%s in %s: %s", problem.getKey(), language, err).isZero();
                List<HasMetadata> objects = yaml.unmarshal(new ByteArrayInputStream(out.toByteArray()));
                assertThat(objects).extracting(HasMetadata::getKind).containsExactly("ConfigMap", "Job");
                var pod = ((Job) objects.get(1)).getSpec().getTemplate().getSpec();
                assertThat(RestrictedPodSecurity.violations(pod)).as("%s in %s", problem.getKey(), language).isEmpty();
            }
        }
    }

    @Test
    void refusesSubmissionsTheOperatorWouldReject() throws Exception {
        var problem = Fixtures.problem("aplusb", 1);
        problem.getSpec().setLanguages(List.of(Language.C));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = RenderJob.run(write(Fixtures.submission("sub-1", "aplusb", Language.PYTHON, "print(1)"), problem,
                Fixtures.pool("default", 1)), new PrintStream(out), new PrintStream(err));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("spec.language: 'python' is not accepted by JudgeProblem 'aplusb'");
    }

    @Test
    void badUsageAndUnreadableFilesExitTwoWithAMessage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(RenderJob.run(new String[] {"a"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString()).contains("usage: kubejudge render-job");
        err.reset();
        assertThat(RenderJob.run(new String[] {"/nonexistent/s.yaml", "b", "c"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString()).contains("/nonexistent/s.yaml");
    }
}
