package io.kubejudge.operator.job;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubejudge.api.v1alpha1.JudgeNodePool;
import io.kubejudge.api.v1alpha1.JudgeProblem;
import io.kubejudge.api.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.operator.submission.SubmissionValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kubejudge render-job <submission.yaml> <problem.yaml> <pool.yaml>}: prints the source
 * ConfigMap and the Job the operator would create for the first attempt, built by the operator's
 * own code, like {@code helm template}. Exits 1 when the submission would be rejected or the pod
 * would break Pod Security Standards {@code restricted}.
 */
public final class RenderJob {

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3 || List.of(args).contains("--help")) {
            err.println("usage: kubejudge render-job <submission.yaml> <problem.yaml> <pool.yaml>");
            return 2;
        }
        KubernetesSerialization yaml = new KubernetesSerialization();
        JudgeSubmission submission;
        JudgeProblem problem;
        JudgeNodePool pool;
        try {
            submission = read(yaml, Path.of(args[0]), JudgeSubmission.class);
            problem = read(yaml, Path.of(args[1]), JudgeProblem.class);
            pool = read(yaml, Path.of(args[2]), JudgeNodePool.class);
        } catch (IOException | RuntimeException e) {
            err.println("render-job: " + e.getMessage());
            return 2;
        }
        List<String> errors = SubmissionValidator.validate(submission, problem, pool);
        if (!errors.isEmpty()) {
            err.println("render-job: the operator would reject this submission:");
            errors.forEach(e -> err.println("  " + e));
            return 1;
        }
        OperatorSettings settings = OperatorSettings.builder().build();
        int rejudge = submission.getSpec().getRejudge() == null ? 0 : submission.getSpec().getRejudge();
        String jobName = JobNames.job(submission.getMetadata().getName(), rejudge, 1);
        HasMetadata configMap = SourceConfigMapFactory.build(submission, problem.getSpec(), jobName, 1);
        Job job = new JobFactory(settings).build(submission, problem.getSpec(), pool, TestDataLayout.unknown(), rejudge, 1);
        out.print(yaml.asYaml(configMap));
        out.print(yaml.asYaml(job));
        List<String> violations = RestrictedPodSecurity.violations(job.getSpec().getTemplate().getSpec());
        if (!violations.isEmpty()) {
            err.println("render-job: the pod breaks Pod Security Standards 'restricted':");
            violations.forEach(v -> err.println("  " + v));
            return 1;
        }
        return 0;
    }

    private static <T extends HasMetadata> T read(KubernetesSerialization yaml, Path file, Class<T> type) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            T resource = yaml.unmarshal(in, type);
            if (resource == null || resource.getMetadata() == null || resource.getMetadata().getName() == null) {
                throw new IllegalArgumentException(file + ": not a " + type.getSimpleName() + " with metadata.name");
            }
            if (resource.getMetadata().getNamespace() == null) {
                resource.getMetadata().setNamespace("default");
            }
            return resource;
        }
    }
}
