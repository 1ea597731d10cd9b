package io.kubejudge.operator.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.operator.submission.SubmissionValidator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<ConfigMap> dataConfigMaps = new ArrayList<>();
        try {
            submission = read(yaml, Path.of(args[0]), JudgeSubmission.class, new ArrayList<>());
            problem = read(yaml, Path.of(args[1]), JudgeProblem.class, dataConfigMaps);
            pool = read(yaml, Path.of(args[2]), JudgeNodePool.class, new ArrayList<>());
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
        Job job = new JobFactory(settings).build(submission, problem.getSpec(), pool, layout(problem, dataConfigMaps), rejudge, 1);
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

    /**
     * The first resource of {@code type} in a (possibly multi-document) YAML file; the file's
     * ConfigMaps are returned through {@code configMaps} (a problem file may carry its test data).
     */
    private static <T extends HasMetadata> T read(KubernetesSerialization yaml, Path file, Class<T> type,
                                                  List<ConfigMap> configMaps) throws IOException {
        String kind = type.getSimpleName();
        T found = null;
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(Files.newInputStream(file))) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                String docKind = doc.path("kind").asText();
                if (docKind.equals(kind) && found == null) {
                    found = yaml.convertValue(doc, type);
                } else if (docKind.equals("ConfigMap")) {
                    configMaps.add(yaml.convertValue(doc, ConfigMap.class));
                }
            }
        }
        if (found == null || found.getMetadata() == null || found.getMetadata().getName() == null) {
            throw new IllegalArgumentException(file + ": no " + kind + " with metadata.name");
        }
        if (found.getMetadata().getNamespace() == null) {
            found.getMetadata().setNamespace("default");
        }
        return found;
    }

    /** Where each test's input is, when the problem's data ConfigMaps were given alongside it. */
    static TestDataLayout layout(JudgeProblem problem, List<ConfigMap> configMaps) {
        java.util.Map<String, String> where = new java.util.HashMap<>();
        for (String name : problem.getSpec().getDataConfigMaps()) {
            configMaps.stream().filter(cm -> name.equals(cm.getMetadata().getName()) && cm.getData() != null)
                    .findFirst().ifPresent(cm -> problem.getSpec().getTests().forEach(t -> {
                        if (cm.getData().containsKey(t.getName() + ".in")) {
                            where.putIfAbsent(t.getName(), name);
                        }
                    }));
        }
        boolean complete = problem.getSpec().getTests().stream().allMatch(t -> t.getInput() != null || where.containsKey(t.getName()));
        return complete && !where.isEmpty() ? new TestDataLayout(where) : TestDataLayout.unknown();
    }
}
