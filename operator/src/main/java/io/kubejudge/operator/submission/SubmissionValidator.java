package io.kubejudge.operator.submission;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.model.v1alpha1.KubeJudge;
import io.kubejudge.model.v1alpha1.LanguageLimits;
import io.kubejudge.model.v1alpha1.PodResources;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.operator.problem.ProblemCheck;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether a submission can be judged by its problem and pool: the operator's side of the seeds'
 * double validation (the CRD schema and CEL rules refuse what they can earlier). Every message
 * names the field and the limit it broke, and an invalid submission never becomes a Job.
 */
public final class SubmissionValidator {
    /** A ConfigMap holds at most 1 MiB; leave room for metadata and the problem's JSON. */
    static final long MAX_CONFIGMAP_DATA_BYTES = 1_000_000;

    /** In the message of a submission refused because its problem's status reports validation errors. */
    public static final String PROBLEM_INVALID = "cannot be judged (see its status.validationErrors)";

    private SubmissionValidator() {
    }

    /** {@code problem} or {@code pool} null means it does not exist. */
    public static List<String> validate(JudgeSubmission submission, JudgeProblem problem, JudgeNodePool pool) {
        List<String> errors = new ArrayList<>();
        JudgeSubmissionSpec spec = submission.getSpec();
        String ns = submission.getMetadata().getNamespace();
        if (spec == null) {
            return List.of("spec: missing");
        }
        if (spec.getProblem() == null || spec.getProblem().isBlank()) {
            errors.add("spec.problem: required");
        } else if (problem == null) {
            errors.add("spec.problem: JudgeProblem '" + spec.getProblem() + "' not found in namespace '" + ns + "'");
        }
        if (spec.getPool() == null || spec.getPool().isBlank()) {
            errors.add("spec.pool: required");
        } else if (pool == null) {
            errors.add("spec.pool: JudgeNodePool '" + spec.getPool() + "' not found in namespace '" + ns + "'");
        }
        if (spec.getLanguage() == null) {
            errors.add("spec.language: required (one of " + Language.knownIds() + ")");
        }
        long sourceBytes = spec.getSource() == null ? 0 : spec.getSource().getBytes(StandardCharsets.UTF_8).length;
        if (sourceBytes == 0) {
            errors.add("spec.source: must not be empty");
        } else if (sourceBytes > KubeJudge.MAX_SOURCE_BYTES) {
            errors.add("spec.source: " + sourceBytes + " bytes exceeds the limit of " + KubeJudge.MAX_SOURCE_BYTES + " bytes");
        }
        if (problem != null && problem.getSpec() != null) {
            validateAgainstProblem(spec, problem, sourceBytes, errors);
        } else if (problem != null) {
            errors.add("spec.problem: JudgeProblem '" + spec.getProblem() + "' has no spec");
        }
        if (pool != null && pool.getSpec() != null) {
            validateAgainstPool(spec, pool, problem, errors);
        }
        return errors;
    }

    private static void validateAgainstProblem(JudgeSubmissionSpec spec, JudgeProblem problem, long sourceBytes,
                                               List<String> errors) {
        JudgeProblemSpec p = problem.getSpec();
        String name = "JudgeProblem '" + problem.getMetadata().getName() + "'";
        if (spec.getLanguage() != null && !p.getLanguages().isEmpty() && !p.getLanguages().contains(spec.getLanguage())) {
            errors.add("spec.language: '" + spec.getLanguage().id() + "' is not accepted by " + name
                    + " (spec.languages: " + ids(p.getLanguages()) + ")");
        }
        if (p.getTests() == null || p.getTests().isEmpty()) {
            errors.add("spec.problem: " + name + " has no tests (spec.tests is empty)");
            return;
        }
        List<String> invalid = ProblemCheck.currentErrors(problem);
        if (!invalid.isEmpty()) {
            errors.add("spec.problem: " + name + " " + PROBLEM_INVALID + ": " + String.join("; ", invalid));
        }
        if (p.getTimeLimitMs() == null || p.getMemoryLimitMiB() == null) {
            errors.add("spec.problem: " + name + " needs spec.timeLimitMs and spec.memoryLimitMiB");
        }
        long inlineBytes = 0;
        for (TestCase t : p.getTests()) {
            boolean inline = t.getInput() != null && t.getAnswer() != null;
            if (!inline && p.getDataConfigMaps().isEmpty()) {
                errors.add("spec.problem: " + name + " test '" + t.getName()
                        + "' has no inline input and answer and spec.dataConfigMaps is empty");
            }
            inlineBytes += bytes(t.getInput()) + bytes(t.getAnswer());
        }
        if (sourceBytes + inlineBytes > MAX_CONFIGMAP_DATA_BYTES) {
            errors.add("spec.source: the source (" + sourceBytes + " bytes) and " + name + "'s inline tests ("
                    + inlineBytes + " bytes) exceed the " + MAX_CONFIGMAP_DATA_BYTES
                    + " bytes one ConfigMap can hold; move the tests to spec.dataConfigMaps");
        }
    }

    private static void validateAgainstPool(JudgeSubmissionSpec spec, JudgeNodePool pool, JudgeProblem problem,
                                            List<String> errors) {
        String name = "JudgeNodePool '" + pool.getMetadata().getName() + "'";
        List<Language> languages = pool.getSpec().getLanguages();
        if (spec.getLanguage() != null && !languages.isEmpty() && !languages.contains(spec.getLanguage())) {
            errors.add("spec.language: '" + spec.getLanguage().id() + "' is not served by " + name
                    + " (spec.languages: " + ids(languages) + "); choose another spec.pool");
        }
        if (problem == null || problem.getSpec() == null || problem.getSpec().getMemoryLimitMiB() == null
                || spec.getLanguage() == null) {
            return;
        }
        PodResources resources = pool.getSpec().getResources() == null ? new PodResources() : pool.getSpec().getResources();
        // The runner's rule (Java's default multiplier is 2, not 1): LanguageLimits says it once.
        double multiplier = LanguageLimits.memoryMultiplier(problem.getSpec().getLanguageLimits(), spec.getLanguage());
        long needed = (long) Math.ceil(problem.getSpec().getMemoryLimitMiB() * multiplier) * 1024 * 1024;
        BigDecimal podMemory = Quantity.getAmountInBytes(new Quantity(resources.getMemory()));
        if (podMemory.compareTo(BigDecimal.valueOf(needed)) <= 0) {
            errors.add("spec.pool: " + name + " pods have spec.resources.memory " + resources.getMemory()
                    + ", not more than the problem's memory limit of " + needed / (1024 * 1024) + " MiB for "
                    + spec.getLanguage().id());
        }
    }

    private static long bytes(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String ids(List<Language> languages) {
        return languages.stream().map(Language::id).collect(Collectors.joining(", "));
    }
}
