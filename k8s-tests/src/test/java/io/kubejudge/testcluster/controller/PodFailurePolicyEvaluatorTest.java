package io.kubejudge.testcluster.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import io.kubejudge.testcluster.controller.PodFailurePolicyEvaluator.Action;
import org.junit.jupiter.api.Test;

class PodFailurePolicyEvaluatorTest {

    private static final PodFailurePolicy POLICY = new PodFailurePolicyBuilder()
            .addNewRule().withAction("Ignore").addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition().endRule()
            .addNewRule().withAction("FailJob").withNewOnExitCodes().withContainerName("check").withOperator("In").withValues(42).endOnExitCodes().endRule()
            .addNewRule().withAction("Count").withNewOnExitCodes().withOperator("NotIn").withValues(1).endOnExitCodes().endRule()
            .build();

    @Test
    void aDisruptedPodIsIgnored() {
        Pod pod = failedPod("check", 137);
        pod.getStatus().getConditions().add(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                .withType("DisruptionTarget").withStatus("True").withReason("EvictionByEvictionAPI").build());
        var outcome = PodFailurePolicyEvaluator.evaluate(POLICY, pod);
        assertThat(outcome.action()).isEqualTo(Action.IGNORE);
        assertThat(outcome.message()).isEqualTo("Pod ns/p-1 has condition DisruptionTarget matching Ignore rule at index 0");
    }

    @Test
    void anExitCodeInTheListOfTheNamedContainerFailsTheJob() {
        var outcome = PodFailurePolicyEvaluator.evaluate(POLICY, failedPod("check", 42));
        assertThat(outcome.action()).isEqualTo(Action.FAIL_JOB);
        assertThat(outcome.message()).isEqualTo("Container check for pod ns/p-1 failed with exit code 42 matching FailJob rule at index 1");
    }

    @Test
    void theContainerNameRestrictsTheRule() {
        assertThat(PodFailurePolicyEvaluator.evaluate(POLICY, failedPod("run", 42)).action()).isEqualTo(Action.COUNT);
    }

    @Test
    void notInMatchesOtherNonZeroCodesAndNoMatchCounts() {
        var notIn = PodFailurePolicyEvaluator.evaluate(POLICY, failedPod("run", 3));
        assertThat(notIn.action()).isEqualTo(Action.COUNT);
        assertThat(notIn.message()).contains("matching Count rule at index 2");
        var noRule = PodFailurePolicyEvaluator.evaluate(POLICY, failedPod("run", 1));
        assertThat(noRule.action()).isEqualTo(Action.COUNT);
        assertThat(noRule.message()).isNull();
        assertThat(PodFailurePolicyEvaluator.evaluate(null, failedPod("run", 1)).action()).isEqualTo(Action.COUNT);
    }

    private static Pod failedPod(String container, int exitCode) {
        return new PodBuilder().withNewMetadata().withName("p-1").withNamespace("ns").endMetadata()
                .withNewStatus().withPhase("Failed")
                .addToInitContainerStatuses(new ContainerStatusBuilder().withName("compile")
                        .withNewState().withNewTerminated().withExitCode(0).endTerminated().endState().build())
                .addToContainerStatuses(new ContainerStatusBuilder().withName(container)
                        .withNewState().withNewTerminated().withExitCode(exitCode).endTerminated().endState().build())
                .endStatus().build();
    }
}
