package io.kubejudge.operator.job;

import java.util.Map;
import java.util.Optional;

/**
 * Which of a problem's data ConfigMaps holds each test's input. The {@code run} container must get
 * the inputs only, so its volume lists {@code <test>.in} keys one by one, and a ConfigMap volume
 * item must name a key that exists. When the layout is unknown (render-job without the data
 * ConfigMaps), every input key is listed in every ConfigMap with {@code optional: true}, which the
 * kubelet skips when absent.
 */
public record TestDataLayout(Map<String, String> inputConfigMapByTest) {

    public static TestDataLayout unknown() {
        return new TestDataLayout(null);
    }

    public TestDataLayout {
        inputConfigMapByTest = inputConfigMapByTest == null ? null : Map.copyOf(inputConfigMapByTest);
    }

    public boolean known() {
        return inputConfigMapByTest != null;
    }

    public Optional<String> configMapOf(String test) {
        return known() ? Optional.ofNullable(inputConfigMapByTest.get(test)) : Optional.empty();
    }
}
