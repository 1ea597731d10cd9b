package io.kubejudge.operator.result;

import static io.kubejudge.operator.MockCluster.running;
import static io.kubejudge.operator.MockCluster.terminated;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a judging's Job and pods say, in particular once the Job is gone. */
class JudgingObserverTest {
    static final String COMPILE_OK = "{\"step\":\"compile\",\"compile\":{\"success\":true}}";
    static final String COMPILE_ERROR = "{\"step\":\"compile\",\"verdict\":\"CompileError\",\"compile\":{\"success\":false}}";
    static final String RUN_OK = "{\"step\":\"run\",\"testCount\":1}";
    static final String CHECK = "{\"step\":\"check\",\"verdict\":\"Accepted\",\"score\":1.0,\"maxScore\":1.0}";

    final JudgingObserver observer = new JudgingObserver(Duration.ofMinutes(10));
    final Instant now = Instant.parse("2026-01-01T00:10:00Z");

    static Pod pod(String name, String created, String phase, List<ContainerStatus> init, List<ContainerStatus> main) {
        return new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(created).endMetadata()
                .withNewStatus().withPhase(phase).withInitContainerStatuses(init).withContainerStatuses(main).endStatus()
                .build();
    }

    static Pod checked(String name, String created) {
        return pod(name, created, "Succeeded", List.of(terminated("compile", 0, COMPILE_OK), terminated("run", 0, RUN_OK)),
                List.of(terminated("check", 0, CHECK)));
    }

    static Job job() {
        return new JobBuilder().withNewMetadata().withName("s-1").endMetadata().withNewSpec().endSpec().build();
    }

    @Test
    void aGoneJobsPodWithTheChecksResultIsFinished() {
        Pod pod = checked("s-1-a", "2026-01-01T00:00:00Z");
        assertThat(observer.observe(null, List.of(pod), now)).isEqualTo(new JudgingState.Finished(pod));
    }

    @Test
    void aGoneJobsPodThatStoppedAtACompileErrorIsFinished() {
        Pod pod = pod("s-1-a", "2026-01-01T00:00:00Z", "Failed", List.of(terminated("compile", 1, COMPILE_ERROR)), List.of());
        assertThat(observer.observe(null, List.of(pod), now)).isInstanceOf(JudgingState.Finished.class);
    }

    @Test
    void aGoneJobWithoutAPodThatReportedIsLost() {
        assertThat(observer.observe(null, List.of(), now)).isInstanceOf(JudgingState.Lost.class);
        // Killed on its way out with the Job: check ended without writing its result.
        Pod killed = pod("s-1-a", "2026-01-01T00:00:00Z", "Failed",
                List.of(terminated("compile", 0, COMPILE_OK), terminated("run", 0, RUN_OK)), List.of(terminated("check", 137, null)));
        assertThat(observer.observe(null, List.of(killed), now)).isInstanceOf(JudgingState.Lost.class);
        Pod stillRunning = pod("s-1-b", "2026-01-01T00:00:01Z", "Pending", List.of(terminated("compile", 0, COMPILE_OK),
                running("run")), List.of());
        assertThat(observer.observe(null, List.of(stillRunning), now)).isInstanceOf(JudgingState.Lost.class);
        Pod killedInRun = pod("s-1-c", "2026-01-01T00:00:02Z", "Failed", List.of(terminated("compile", 0, COMPILE_OK),
                terminated("run", 137, "")), List.of());
        assertThat(observer.observe(null, List.of(killedInRun), now)).isInstanceOf(JudgingState.Lost.class);
    }

    @Test
    void aPodKilledByItsDeletionWaitsForTheJobToSayWhy() {
        Pod killed = pod("s-1-a", "2026-01-01T00:00:00Z", "Failed", List.of(terminated("compile", 0, COMPILE_OK),
                terminated("run", 137, null)), List.of());
        killed.getMetadata().setDeletionTimestamp("2026-01-01T00:09:59Z");
        assertThat(observer.observe(job(), List.of(killed), now)).isInstanceOf(JudgingState.InProgress.class);

        Job expired = job();
        expired.getSpec().setActiveDeadlineSeconds(600L);
        expired.setStatus(new JobStatusBuilder().addNewCondition().withType("Failed").withStatus("True")
                .withReason("DeadlineExceeded").endCondition().build());
        assertThat(observer.observe(expired, List.of(killed), now)).isInstanceOfSatisfying(JudgingState.Broken.class,
                b -> assertThat(b.reason()).contains("exceeded its deadline of 600 s"));

        // Not being deleted: a step that died without its report is the outcome.
        Pod died = pod("s-1-b", "2026-01-01T00:00:00Z", "Failed", List.of(terminated("compile", 0, COMPILE_OK),
                terminated("run", 137, null)), List.of());
        assertThat(observer.observe(job(), List.of(died), now)).isEqualTo(new JudgingState.Finished(died));
    }

    @Test
    void theNewestPodThatReportedIsTheOneRead() {
        Pod older = checked("s-1-a", "2026-01-01T00:00:00Z");
        Pod newer = checked("s-1-b", "2026-01-01T00:00:05Z");
        Pod killed = pod("s-1-c", "2026-01-01T00:00:09Z", "Failed", List.of(terminated("compile", 137, null)), List.of());
        assertThat(observer.observe(null, List.of(newer, killed, older), now)).isEqualTo(new JudgingState.Finished(newer));
    }

    @Test
    void anExistingJobsFinishedPodIsFinishedAndARunningOneInProgress() {
        Pod pod = checked("s-1-a", "2026-01-01T00:00:00Z");
        assertThat(observer.observe(job(), List.of(pod), now)).isEqualTo(new JudgingState.Finished(pod));
        Pod running = pod("s-1-b", "2026-01-01T00:00:00Z", "Pending", List.of(running("compile")), List.of());
        assertThat(observer.observe(job(), List.of(running), now)).isInstanceOf(JudgingState.InProgress.class);
    }

    static final String RUN_NODE_FAULT = "{\"step\":\"run\",\"error\":\"no Landlock\",\"nodeFault\":"
            + "{\"reason\":\"LandlockUnavailable\",\"message\":\"kernel 5.4.0 has no Landlock\"}}";

    @Test
    void aStepReportingANodeFaultIsANodeFaultNotAResult() {
        Pod pod = pod("s-1-a", "2026-01-01T00:00:00Z", "Failed",
                List.of(terminated("compile", 0, COMPILE_OK), terminated("run", 1, RUN_NODE_FAULT)), List.of());
        io.kubejudge.model.result.NodeFault fault = new io.kubejudge.model.result.NodeFault("LandlockUnavailable",
                "kernel 5.4.0 has no Landlock");
        assertThat(observer.observe(job(), List.of(pod), now)).isEqualTo(new JudgingState.NodeFaulted(fault));
        assertThat(observer.observe(null, List.of(pod), now)).as("also once its Job is gone")
                .isEqualTo(new JudgingState.NodeFaulted(fault));
    }

    @Test
    void aContainerThatCannotStartForWantOfItsSeccompProfileIsANodeFaultOtherCreateErrorsAreBroken() {
        Pod noProfile = pod("s-1-a", "2026-01-01T00:00:00Z", "Pending", List.of(io.kubejudge.operator.MockCluster.waiting("compile",
                "CreateContainerError", "cannot load seccomp profile \"/var/lib/kubelet/seccomp/kubejudge.json\": no such file")),
                List.of());
        assertThat(observer.observe(job(), List.of(noProfile), now)).isInstanceOfSatisfying(JudgingState.NodeFaulted.class,
                f -> {
                    assertThat(f.fault().reason()).isEqualTo("SeccompProfileMissing");
                    assertThat(f.fault().message()).contains("container compile").contains("kubejudge.json");
                });
        Pod badConfig = pod("s-1-b", "2026-01-01T00:00:00Z", "Pending", List.of(io.kubejudge.operator.MockCluster.waiting("compile",
                "CreateContainerConfigError", "configmap \"s-1\" not found")), List.of());
        assertThat(observer.observe(job(), List.of(badConfig), now)).isInstanceOf(JudgingState.Broken.class);
    }
}
