package io.kubejudge.operator.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.operator.JudgeLabels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ConfigMap mounted at {@code /submission} (and, for inline tests, the source of their data).
 *
 * <p>Keys: {@code submission.json} ({@code {"language":"cpp","fileName":"main.cpp"}}), the source
 * under that file name, and {@code problem.json}: the JudgeProblemSpec with every inline
 * {@code input}/{@code answer} removed. Inline test data move to keys {@code <test>.in} and
 * {@code <test>.ans} of this ConfigMap, whose name is then added to {@code dataConfigMaps} in
 * problem.json: the pod mounts those keys only under /data, like any other test data, and never
 * under /submission, which the compiler and the program can read.
 */
public final class SourceConfigMapFactory {
    public static final String PROBLEM_KEY = "problem.json";
    public static final String SUBMISSION_KEY = "submission.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceConfigMapFactory() {
    }

    public static ConfigMap build(JudgeSubmission submission, JudgeProblemSpec problem, String jobName, int attempt) {
        String name = JobNames.sourceConfigMap(jobName);
        String fileName = SourceFiles.fileName(submission.getSpec().getLanguage());
        Map<String, String> data = new LinkedHashMap<>();
        data.put(SUBMISSION_KEY, submissionJson(submission, fileName));
        data.put(fileName, submission.getSpec().getSource());
        data.put(PROBLEM_KEY, problemJson(problem, name));
        for (TestCase test : problem.getTests()) {
            if (test.getInput() != null) {
                data.put(test.getName() + ".in", test.getInput());
            }
            if (test.getAnswer() != null) {
                data.put(test.getName() + ".ans", test.getAnswer());
            }
        }
        return new ConfigMapBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(submission.getMetadata().getNamespace())
                    .withLabels(JudgeLabels.forJudging(submission, attempt))
                    .withOwnerReferences(ownerReference(submission))
                .endMetadata()
                .withImmutable(true)
                .withData(data)
                .build();
    }

    /** Tests whose data this ConfigMap carries (inline in the problem). */
    public static List<TestCase> inlineTests(JudgeProblemSpec problem) {
        return problem.getTests().stream().filter(t -> t.getInput() != null || t.getAnswer() != null).toList();
    }

    static OwnerReference ownerReference(JudgeSubmission submission) {
        return new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                .withApiVersion(submission.getApiVersion())
                .withKind(submission.getKind())
                .withName(submission.getMetadata().getName())
                .withUid(submission.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static String submissionJson(JudgeSubmission submission, String fileName) {
        ObjectNode node = JSON.createObjectNode();
        node.put("language", submission.getSpec().getLanguage().id());
        node.put("fileName", fileName);
        return node.toString();
    }

    private static String problemJson(JudgeProblemSpec problem, String configMapName) {
        ObjectNode tree = JSON.valueToTree(problem);
        boolean movedData = false;
        for (var test : tree.withArray("tests")) {
            ObjectNode t = (ObjectNode) test;
            movedData |= t.remove("input") != null;
            movedData |= t.remove("answer") != null;
        }
        if (movedData) {
            ArrayNode maps = tree.withArray("dataConfigMaps");
            maps.add(configMapName);
        }
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the problem spec", e);
        }
    }
}
