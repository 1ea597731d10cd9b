package io.kubejudge.operator.job;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.TestCase;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which data ConfigMap holds each test's input, for problems split over several ConfigMaps. Read
 * once per problem generation (ConfigMaps are read by name, not watched: test data can be large
 * and the operator should not keep it all in memory).
 */
public final class ProblemDataIndex {
    private final KubernetesClient client;
    private final Map<String, TestDataLayout> byProblemGeneration = new ConcurrentHashMap<>();

    public ProblemDataIndex(KubernetesClient client) {
        this.client = client;
    }

    public TestDataLayout layout(JudgeProblem problem) {
        if (problem.getSpec().getDataConfigMaps().size() <= 1) {
            // One ConfigMap (or inline data): JobFactory knows where every input is without looking.
            return TestDataLayout.unknown();
        }
        String key = problem.getMetadata().getNamespace() + "/" + problem.getMetadata().getName() + "@"
                + problem.getMetadata().getUid() + "/" + problem.getMetadata().getGeneration();
        return byProblemGeneration.computeIfAbsent(key, k -> read(problem));
    }

    /** The files a volume of this ConfigMap shows: its data and its binaryData keys (binary test data). */
    public static Set<String> keysOf(ConfigMap cm) {
        Set<String> keys = new HashSet<>();
        if (cm.getData() != null) {
            keys.addAll(cm.getData().keySet());
        }
        if (cm.getBinaryData() != null) {
            keys.addAll(cm.getBinaryData().keySet());
        }
        return keys;
    }

    private TestDataLayout read(JudgeProblem problem) {
        Map<String, String> where = new HashMap<>();
        for (String name : problem.getSpec().getDataConfigMaps()) {
            ConfigMap cm = client.configMaps().inNamespace(problem.getMetadata().getNamespace()).withName(name).get();
            if (cm == null) {
                continue;
            }
            Set<String> keys = keysOf(cm);
            for (TestCase t : problem.getSpec().getTests()) {
                if (keys.contains(t.getName() + ".in")) {
                    where.putIfAbsent(t.getName(), name);
                }
            }
        }
        // A layout missing tests (ConfigMap not there yet) is not cached as known: items would be wrong.
        boolean complete = problem.getSpec().getTests().stream().allMatch(t -> t.getInput() != null || where.containsKey(t.getName()));
        return complete ? new TestDataLayout(where) : TestDataLayout.unknown();
    }
}
