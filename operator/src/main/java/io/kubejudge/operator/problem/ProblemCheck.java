package io.kubejudge.operator.problem;

import io.kubejudge.model.problem.ProblemSpecRules;
import io.kubejudge.model.v1alpha1.CheckerProgram;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.JudgeProblemStatus;
import io.kubejudge.model.v1alpha1.TestCase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a JudgeProblem's status says: its number of tests, total points, and everything that would
 * make its judging fail: the spec's rules, shared with the runner ({@link ProblemSpecRules}: the
 * schema's and CEL rules again, for API servers that do not enforce them, and what the schema
 * cannot see, such as the same test twice or a subtask split apart), and what only the cluster
 * shows: test data or a checker source missing from the ConfigMaps (the pod would never start).
 * Every message names the field.
 */
public final class ProblemCheck {
    /** The status is stored in etcd and printed by kubectl: a broken 1,000-test problem must not flood it. */
    static final int MAX_ERRORS = 20;
    /** Keys named per message, for the same reason. */
    static final int MAX_KEYS_NAMED = 10;

    private ProblemCheck() {
    }

    /**
     * @param keysByConfigMap the problem's data ConfigMaps that exist, by name, with their keys
     *                        (data and binaryData); a ConfigMap that does not exist is absent
     */
    public static JudgeProblemStatus status(JudgeProblem problem, Map<String, ? extends Collection<String>> keysByConfigMap) {
        JudgeProblemSpec spec = problem.getSpec();
        JudgeProblemStatus status = new JudgeProblemStatus();
        status.setObservedGeneration(problem.getMetadata().getGeneration());
        if (spec == null) {
            status.setValidationErrors(new ArrayList<>(List.of("spec: missing")));
            return status;
        }
        List<TestCase> tests = spec.getTests() == null ? List.of() : spec.getTests();
        status.setTestCount(tests.size());
        // Kattis grading (gradingGroups) has its own full score: avg, min, max, ignore_sample.
        double points = spec.getGradingGroups() != null && !spec.getGradingGroups().isEmpty() && tests.stream().allMatch(t -> t != null)
                ? io.kubejudge.model.problem.GradingTree.maxScore(spec)
                : tests.stream().filter(t -> t != null).mapToDouble(ProblemCheck::pointsOf).sum();
        // Rounded to a millionth as the runner rounds maxScore, so that the two agree.
        status.setTotalPoints(Math.round(points * 1_000_000) / 1_000_000.0);
        status.setValidationErrors(capped(errors(spec, problem.getMetadata().getNamespace(), keysByConfigMap)));
        return status;
    }

    /**
     * The problem's validation errors if its status describes its current spec; empty when it is
     * valid or not checked yet (a problem is not refused before the operator has looked at it).
     */
    public static List<String> currentErrors(JudgeProblem problem) {
        JudgeProblemStatus status = problem.getStatus();
        if (status == null || status.getValidationErrors() == null
                || !Objects.equals(status.getObservedGeneration(), problem.getMetadata().getGeneration())) {
            return List.of();
        }
        return status.getValidationErrors();
    }

    static List<String> errors(JudgeProblemSpec spec, String namespace, Map<String, ? extends Collection<String>> keysByConfigMap) {
        List<String> errors = new ArrayList<>(ProblemSpecRules.errors(spec, "spec."));
        List<TestCase> tests = spec.getTests() == null ? List.of() : spec.getTests();
        data(spec, tests, namespace, keysByConfigMap, errors);
        checkerSource(spec, keysByConfigMap, errors);
        return errors;
    }

    /**
     * Every test needs its input and its answer, inline or as {@code <name>.in} / {@code <name>.ans}
     * in a data ConfigMap: the pod mounts the ConfigMaps, and a missing one or a missing item keeps
     * it from starting.
     */
    private static void data(JudgeProblemSpec spec, List<TestCase> tests, String namespace,
                             Map<String, ? extends Collection<String>> keysByConfigMap, List<String> errors) {
        List<String> configMaps = spec.getDataConfigMaps() == null ? List.of() : spec.getDataConfigMaps();
        for (int i = 0; i < configMaps.size(); i++) {
            if (!keysByConfigMap.containsKey(configMaps.get(i))) {
                errors.add("spec.dataConfigMaps[" + i + "]: ConfigMap '" + configMaps.get(i) + "' not found in namespace '"
                        + namespace + "'");
            }
        }
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> holders = new LinkedHashMap<>();
        for (TestCase t : tests) {
            if (t == null || t.getName() == null || t.getName().isBlank()) {
                continue; // the rules name it
            }
            if (t.getInput() == null && !anyHolds(configMaps, keysByConfigMap, t.getName() + ".in")) {
                missing.add(t.getName() + ".in");
            }
            if (t.getAnswer() == null && !anyHolds(configMaps, keysByConfigMap, t.getName() + ".ans")) {
                missing.add(t.getName() + ".ans");
            }
            for (String key : List.of(t.getName() + ".in", t.getName() + ".ans")) {
                List<String> in = configMaps.stream().distinct()
                        .filter(cm -> keysByConfigMap.containsKey(cm) && keysByConfigMap.get(cm).contains(key)).toList();
                if (in.size() > 1) {
                    holders.put(key, in);
                }
            }
        }
        if (!missing.isEmpty()) {
            String where = configMaps.isEmpty() ? "spec.dataConfigMaps is empty"
                    : "not in ConfigMap" + (configMaps.size() > 1 ? "s " : " ") + String.join(", ", configMaps);
            errors.add("spec.tests: test data missing (no inline input/answer and " + where + "): " + named(missing));
        }
        if (!holders.isEmpty()) {
            // The run step reads an input from the first ConfigMap holding it, the check step sees
            // all of them merged: two copies could make them disagree on what the input was.
            errors.add("spec.dataConfigMaps: keys held by more than one ConfigMap (keep each in one): "
                    + named(holders.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").toList()));
        }
    }

    /** A checker source named by configMapKey must be in a data ConfigMap (the rules check its form). */
    private static void checkerSource(JudgeProblemSpec spec, Map<String, ? extends Collection<String>> keysByConfigMap,
                                      List<String> errors) {
        CheckerProgram program = spec.getChecker() == null ? null : spec.getChecker().getProgram();
        if (program == null || program.getConfigMapKey() == null || program.getSource() != null) {
            return;
        }
        List<String> configMaps = spec.getDataConfigMaps() == null ? List.of() : spec.getDataConfigMaps();
        if (configMaps.isEmpty()) {
            errors.add("spec.checker.program.configMapKey: '" + program.getConfigMapKey()
                    + "' names a key of the data ConfigMaps, but spec.dataConfigMaps is empty");
        } else if (!anyHolds(configMaps, keysByConfigMap, program.getConfigMapKey())) {
            errors.add("spec.checker.program.configMapKey: '" + program.getConfigMapKey() + "' not found in ConfigMap"
                    + (configMaps.size() > 1 ? "s " : " ") + String.join(", ", configMaps));
        }
    }

    private static boolean anyHolds(List<String> configMaps, Map<String, ? extends Collection<String>> keysByConfigMap,
                                    String key) {
        return configMaps.stream().anyMatch(cm -> keysByConfigMap.containsKey(cm) && keysByConfigMap.get(cm).contains(key));
    }

    private static String named(List<String> items) {
        String shown = items.stream().limit(MAX_KEYS_NAMED).collect(Collectors.joining(", "));
        return items.size() > MAX_KEYS_NAMED ? shown + " and " + (items.size() - MAX_KEYS_NAMED) + " more" : shown;
    }

    private static List<String> capped(List<String> errors) {
        if (errors.size() <= MAX_ERRORS) {
            return errors;
        }
        List<String> kept = new ArrayList<>(errors.subList(0, MAX_ERRORS - 1));
        kept.add("... and " + (errors.size() - MAX_ERRORS + 1) + " more errors");
        return kept;
    }

    private static double pointsOf(TestCase t) {
        return t.getPoints() == null ? 1.0 : t.getPoints();
    }
}
