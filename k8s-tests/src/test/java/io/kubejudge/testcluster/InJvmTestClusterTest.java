package io.kubejudge.testcluster;

import static io.kubejudge.testcluster.TestJobs.awaitCondition;
import static io.kubejudge.testcluster.TestJobs.condition;
import static io.kubejudge.testcluster.TestJobs.create;
import static io.kubejudge.testcluster.TestJobs.job;
import static io.kubejudge.testcluster.TestJobs.mount;
import static io.kubejudge.testcluster.TestJobs.onlyPod;
import static io.kubejudge.testcluster.TestJobs.phase;
import static io.kubejudge.testcluster.TestJobs.pods;
import static io.kubejudge.testcluster.TestJobs.sh;
import static io.kubejudge.testcluster.TestJobs.sleepRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.testcluster.fault.Disruption;
import io.kubejudge.testcluster.fault.FaultHandle;
import io.kubejudge.testcluster.fault.Faults;
import io.kubejudge.testcluster.fault.Pods;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test cluster itself, with Jobs of shell containers: what it does must be what Kubernetes does,
 * or the end-to-end scenarios prove nothing.
 */
class InJvmTestClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static InJvmTestCluster cluster;
    private static KubernetesClient client;
    private static String ns;
    private static Faults faults;

    @BeforeAll
    static void startCluster() {
        cluster = InJvmTestCluster.start(InJvmTestCluster.Options.defaults().withJobBackoff(Duration.ofMillis(200)));
        client = cluster.client();
        ns = cluster.namespace();
        faults = cluster.faults().orElseThrow();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void aJobRunsItsInitContainersInOrderWithItsVolumesThenCompletes() {
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("data-1").endMetadata()
                .addToData("1.in", "1 2\n").addToData("1.ans", "3\n").build()).create();
        List<Volume> volumes = List.of(
                new VolumeBuilder().withName("work").withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName("inputs").withNewProjected().addNewSource().withNewConfigMap().withName("data-1")
                        .addNewItem().withKey("1.in").withPath("1.in").endItem().endConfigMap().endSource().endProjected().build(),
                new VolumeBuilder().withName("tests").withNewConfigMap().withName("data-1").endConfigMap().build());
        var compile = sh("compile", "echo compiled > /work/marker && printf '{\"step\":\"compile\"}' > /dev/termination-log",
                mount("work", "/work"));
        var run = sh("run", "cat /work/marker > /work/seen && ls -a /data/inputs > /work/listing && cat /data/inputs/1.in > /work/in"
                + " && printf run-done > /dev/termination-log", mount("work", "/work"), mount("inputs", "/data/inputs"));
        var check = new ContainerBuilder(sh("check", "cat /work/seen /work/in /work/listing /data/tests/1.ans;"
                + " echo \"ENV=$KJ_VAR POD=$POD_NAME\"; printf check-done > /dev/termination-log",
                mount("work", "/work"), mount("tests", "/data/tests")))
                .withEnv(new EnvVarBuilder().withName("BASE").withValue("b").build(),
                        new EnvVarBuilder().withName("KJ_VAR").withValue("$(BASE)-x").build(),
                        new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
                                .withFieldPath("metadata.name").endFieldRef().endValueFrom().build())
                .build();
        create(client, ns, job("steps", List.of(compile, run), List.of(check), volumes).build());

        awaitCondition(client, ns, "steps", "Complete", WAIT);
        assertThat(condition(client, ns, "steps", "SuccessCriteriaMet")).isPresent();
        Job done = client.batch().v1().jobs().inNamespace(ns).withName("steps").get();
        assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(done.getStatus().getCompletionTime()).isNotNull();

        Pod pod = onlyPod(client, ns, "steps");
        assertThat(phase(pod)).isEqualTo("Succeeded");
        assertThat(pod.getSpec().getNodeName()).isEqualTo("kubejudge-test-node");
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(done.getMetadata().getUid()));
        List<ContainerStatus> init = pod.getStatus().getInitContainerStatuses();
        assertThat(init).extracting(ContainerStatus::getName).containsExactly("compile", "run");
        assertThat(init).allSatisfy(s -> {
            assertThat(s.getState().getTerminated().getExitCode()).isZero();
            assertThat(s.getState().getTerminated().getReason()).isEqualTo("Completed");
        });
        assertThat(init.get(0).getState().getTerminated().getMessage()).isEqualTo("{\"step\":\"compile\"}");
        assertThat(init.get(1).getState().getTerminated().getMessage()).isEqualTo("run-done");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage()).isEqualTo("check-done");

        String log = client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).inContainer("check").getLog();
        String podName = pod.getMetadata().getName();
        assertThat(log).contains("compiled", "1 2", "..data", "1.in", "3", "ENV=b-x POD=" + podName);
        // items chose only the input: the answer is not in the run step's volume.
        assertThat(log).doesNotContain("1.ans");
    }

    @Test
    void anOversizedTerminationMessageKeepsOnlyItsLast4096Bytes() {
        create(client, ns, job("big-message", List.of(), List.of(sh("c",
                "printf HEAD > /dev/termination-log; head -c 5000 /dev/zero | tr '\\0' x >> /dev/termination-log;"
                        + " printf TAIL >> /dev/termination-log")), List.of()).build());
        awaitCondition(client, ns, "big-message", "Complete", WAIT);
        String message = onlyPod(client, ns, "big-message").getStatus().getContainerStatuses().get(0).getState()
                .getTerminated().getMessage();
        assertThat(message).hasSize(4096).endsWith("xTAIL").doesNotContain("HEAD");
    }

    @Test
    void aFailingInitContainerFailsThePodAndTheJobWithoutRetryAtBackoffLimitZero() {
        create(client, ns, job("init-fails", List.of(sh("compile", "echo broken; exit 3")), List.of(sh("check", "true")),
                List.of()).build());
        awaitCondition(client, ns, "init-fails", "Failed", WAIT);
        assertThat(condition(client, ns, "init-fails", "Failed").get().getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(condition(client, ns, "init-fails", "FailureTarget")).isPresent();
        Pod pod = onlyPod(client, ns, "init-fails");
        assertThat(phase(pod)).isEqualTo("Failed");
        var compile = pod.getStatus().getInitContainerStatuses().get(0).getState().getTerminated();
        assertThat(compile.getExitCode()).isEqualTo(3);
        assertThat(compile.getReason()).isEqualTo("Error");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("PodInitializing");
    }

    @Test
    void fallbackToLogsOnErrorUsesTheLogTailWhenAFailedContainerWroteNoMessage() {
        var c = new ContainerBuilder(sh("c", "echo first; echo oops; exit 2")).withTerminationMessagePolicy("FallbackToLogsOnError").build();
        create(client, ns, job("fallback", List.of(), List.of(c), List.of()).build());
        awaitCondition(client, ns, "fallback", "Failed", WAIT);
        var terminated = onlyPod(client, ns, "fallback").getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getExitCode()).isEqualTo(2);
        assertThat(terminated.getMessage()).isEqualTo("first\noops\n");
    }

    @Test
    void theJobDeadlineKillsTheRunningPodAndFailsTheJob() {
        Job job = job("deadline", List.of(), List.of(sh("c", "sleep 901.25")), List.of())
                .editSpec().withActiveDeadlineSeconds(2L).endSpec().build();
        create(client, ns, job);
        await().atMost(WAIT).until(() -> sleepRunning("901.25"));
        awaitCondition(client, ns, "deadline", "Failed", WAIT);
        assertThat(condition(client, ns, "deadline", "Failed").get().getReason()).isEqualTo("DeadlineExceeded");
        await().atMost(WAIT).until(() -> pods(client, ns, "deadline").isEmpty() && !sleepRunning("901.25"));
    }

    @Test
    void aDisruptedPodIsReplacedWhenThePolicyIgnoresDisruptions() {
        Job job = job("disrupted", List.of(sh("compile", "true")), List.of(sh("check", "sleep 0.2")), List.of())
                .editSpec().withPodFailurePolicy(new PodFailurePolicyBuilder().addNewRule().withAction("Ignore")
                        .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition().endRule().build())
                .endSpec().build();
        try (FaultHandle fault = faults.disruptWhenContainerStarts(Pods.ofJob("disrupted"), "check", Disruption.EVICTION, 1)) {
            create(client, ns, job);
            awaitCondition(client, ns, "disrupted", "Complete", WAIT);
            assertThat(fault.podsStruck()).isEqualTo(1);
        }
        List<Pod> pods = pods(client, ns, "disrupted");
        assertThat(pods).extracting(TestJobs::phase).containsExactlyInAnyOrder("Failed", "Succeeded");
        Pod lost = pods.stream().filter(p -> "Failed".equals(phase(p))).findFirst().orElseThrow();
        assertThat(lost.getStatus().getConditions()).filteredOn(c -> "DisruptionTarget".equals(c.getType()))
                .singleElement().satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("True");
                    assertThat(c.getReason()).isEqualTo("EvictionByEvictionAPI");
                });
        assertThat(lost.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(client.batch().v1().jobs().inNamespace(ns).withName("disrupted").get().getStatus().getFailed()).isNull();
    }

    @Test
    void withoutAnIgnoreRuleADisruptionCountsAndFailsTheJob() {
        try (FaultHandle ignored = faults.disruptWhenContainerStarts(Pods.ofJob("disrupted-counted"), "check", Disruption.NODE_LOSS, 1)) {
            create(client, ns, job("disrupted-counted", List.of(), List.of(sh("check", "sleep 5")), List.of()).build());
            awaitCondition(client, ns, "disrupted-counted", "Failed", WAIT);
        }
        assertThat(condition(client, ns, "disrupted-counted", "Failed").get().getReason()).isEqualTo("BackoffLimitExceeded");
        var terminated = onlyPod(client, ns, "disrupted-counted").getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getReason()).isEqualTo("ContainerStatusUnknown");
    }

    @Test
    void aFailingImagePullKeepsThePodPendingUntilLifted() {
        FaultHandle pull = faults.failImagePull(Pods.ofJob("no-image"));
        create(client, ns, job("no-image", List.of(), List.of(sh("c", "true")), List.of()).build());
        await().atMost(WAIT).until(() -> pods(client, ns, "no-image").stream().anyMatch(p -> p.getStatus() != null
                && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().get(0).getState().getWaiting() != null
                && List.of("ErrImagePull", "ImagePullBackOff").contains(
                        p.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())));
        assertThat(phase(onlyPod(client, ns, "no-image"))).isEqualTo("Pending");
        assertThat(pull.podsStruck()).isEqualTo(1);
        pull.close();
        awaitCondition(client, ns, "no-image", "Complete", WAIT);
    }

    @Test
    void heldSchedulingLeavesThePodUnschedulableUntilLifted() {
        FaultHandle hold = faults.holdScheduling(Pods.ofJob("unschedulable"));
        create(client, ns, job("unschedulable", List.of(), List.of(sh("c", "true")), List.of()).build());
        await().atMost(WAIT).until(() -> pods(client, ns, "unschedulable").stream().anyMatch(p -> scheduled(p) != null
                && "False".equals(scheduled(p).getStatus()) && "Unschedulable".equals(scheduled(p).getReason())));
        assertThat(onlyPod(client, ns, "unschedulable").getSpec().getNodeName()).isNull();
        hold.close();
        awaitCondition(client, ns, "unschedulable", "Complete", WAIT);
        assertThat(scheduled(onlyPod(client, ns, "unschedulable")).getStatus()).isEqualTo("True");
    }

    @Test
    void aHungContainerRunsUntilAnExpiredDeadlineAndAReplacedMessageIsReported() {
        try (FaultHandle hung = faults.hangContainer(Pods.ofJob("hung"), "c")) {
            create(client, ns, job("hung", List.of(), List.of(sh("c", "true")), List.of())
                    .editSpec().withActiveDeadlineSeconds(600L).endSpec().build());
            await().atMost(WAIT).until(() -> hung.podsStruck() == 1);
            // Ten minutes pass in an instant.
            try (FaultHandle expired = faults.expireJobDeadlines("hung")) {
                awaitCondition(client, ns, "hung", "Failed", WAIT);
                assertThat(expired.podsStruck()).isEqualTo(1);
            }
        }
        assertThat(condition(client, ns, "hung", "Failed").get().getReason()).isEqualTo("DeadlineExceeded");
        await().atMost(WAIT).until(() -> pods(client, ns, "hung").isEmpty());

        try (FaultHandle ignored = faults.replaceTerminationMessage(Pods.ofJob("garbled"), "c", "{not json")) {
            create(client, ns, job("garbled", List.of(), List.of(sh("c", "printf '{}' > /dev/termination-log")), List.of()).build());
            awaitCondition(client, ns, "garbled", "Complete", WAIT);
        }
        assertThat(onlyPod(client, ns, "garbled").getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage())
                .isEqualTo("{not json");
    }

    @Test
    void deletingAJobKillsItsRunningPodThroughTheGarbageCollector() {
        create(client, ns, job("deleted", List.of(), List.of(sh("c", "sleep 902.5")), List.of()).build());
        await().atMost(WAIT).until(() -> sleepRunning("902.5"));
        client.batch().v1().jobs().inNamespace(ns).withName("deleted").delete();
        await().atMost(WAIT).until(() -> pods(client, ns, "deleted").isEmpty());
        await().atMost(WAIT).until(() -> !sleepRunning("902.5"));
    }

    @Test
    void aContainerLeavesNoProcessBehindWhenItsPodIsDeleted() {
        // The shell starts a detached child in its own session, then waits: only the container's namespace can reach it.
        create(client, ns, job("daemon", List.of(), List.of(sh("c", "setsid sleep 903.75 & sleep 904.25")), List.of()).build());
        await().atMost(WAIT).until(() -> sleepRunning("903.75") && sleepRunning("904.25"));
        client.batch().v1().jobs().inNamespace(ns).withName("daemon").delete();
        await().atMost(WAIT).until(() -> !sleepRunning("903.75") && !sleepRunning("904.25"));
    }

    @Test
    void objectsGoWithTheirOwnersAndOrphansAreCollected() {
        JudgeSubmission submission = new JudgeSubmission();
        submission.getMetadata().setName("owner");
        JudgeSubmissionSpec spec = new JudgeSubmissionSpec();
        spec.setProblem("p");
        spec.setLanguage(Language.C);
        spec.setSource("int main(){}");
        submission.setSpec(spec);
        JudgeSubmission owner = client.resources(JudgeSubmission.class).inNamespace(ns).resource(submission).create();
        client.configMaps().inNamespace(ns).resource(ownedConfigMap("owned", "kubejudge.io/v1alpha1", "JudgeSubmission",
                "owner", owner.getMetadata().getUid())).create();
        client.configMaps().inNamespace(ns).resource(ownedConfigMap("orphan", "kubejudge.io/v1alpha1", "JudgeSubmission",
                "gone", "no-such-uid")).create();
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("unowned").endMetadata()
                .build()).create();

        await().atMost(WAIT).until(() -> client.configMaps().inNamespace(ns).withName("orphan").get() == null);
        assertThat(client.configMaps().inNamespace(ns).withName("owned").get()).isNotNull();

        client.resources(JudgeSubmission.class).inNamespace(ns).withName("owner").delete();
        await().atMost(WAIT).until(() -> client.configMaps().inNamespace(ns).withName("owned").get() == null);
        assertThat(client.configMaps().inNamespace(ns).withName("unowned").get()).isNotNull();
    }

    @Test
    void ttlAfterFinishedDeletesTheJobAndThenItsPods() {
        create(client, ns, job("ttl", List.of(), List.of(sh("c", "true")), List.of())
                .editSpec().withTtlSecondsAfterFinished(1).endSpec().build());
        awaitCondition(client, ns, "ttl", "Complete", WAIT);
        await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName("ttl").get() == null);
        await().atMost(WAIT).until(() -> pods(client, ns, "ttl").isEmpty());
    }

    @Test
    void aTtlDeletedJobGoesInTheForegroundAndWaitsForItsPodThatAFinalizerHolds() {
        create(client, ns, job("held", List.of(), List.of(sh("c", "printf held-result > /dev/termination-log")), List.of())
                .editSpec().withTtlSecondsAfterFinished(1)
                    .editTemplate().withNewMetadata().withFinalizers(HOLD).endMetadata().endTemplate()
                .endSpec().build());
        awaitCondition(client, ns, "held", "Complete", WAIT);
        String podName = onlyPod(client, ns, "held").getMetadata().getName();
        // The Job controller copied the template's finalizer onto the pod.
        assertThat(onlyPod(client, ns, "held").getMetadata().getFinalizers()).containsExactly(HOLD);

        // TTL: the Job is marked (foreground), the garbage collector deletes the pod, which the finalizer keeps.
        await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName(podName).get().getMetadata().getDeletionTimestamp() != null);
        Job marked = client.batch().v1().jobs().inNamespace(ns).withName("held").get();
        assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(marked.getMetadata().getFinalizers()).contains("foregroundDeletion");
        await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
        assertThat(client.batch().v1().jobs().inNamespace(ns).withName("held").get()).isNotNull();
        // The kubelet left the finished pod's status alone: the result is still readable.
        Pod held = client.pods().inNamespace(ns).withName(podName).get();
        assertThat(phase(held)).isEqualTo("Succeeded");
        assertThat(held.getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage()).isEqualTo("held-result");

        releaseHold(podName);
        await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName(podName).get() == null);
        await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName("held").get() == null);
    }

    @Test
    void aRunningPodMarkedForDeletionButHeldIsStoppedAndReportedFailed() {
        create(client, ns, job("stopped", List.of(), List.of(sh("c", "sleep 905.5")), List.of())
                .editSpec().editTemplate().withNewMetadata().withFinalizers(HOLD).endMetadata().endTemplate().endSpec().build());
        await().atMost(WAIT).until(() -> sleepRunning("905.5"));
        String podName = onlyPod(client, ns, "stopped").getMetadata().getName();
        client.batch().v1().jobs().inNamespace(ns).withName("stopped")
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete();
        await().atMost(WAIT).until(() -> !sleepRunning("905.5"));
        await().atMost(WAIT).until(() -> "Failed".equals(phase(client.pods().inNamespace(ns).withName(podName).get())));
        Pod stopped = client.pods().inNamespace(ns).withName(podName).get();
        assertThat(stopped.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(stopped.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(client.batch().v1().jobs().inNamespace(ns).withName("stopped").get()).isNotNull();

        releaseHold(podName);
        await().atMost(WAIT).until(() -> client.pods().inNamespace(ns).withName(podName).get() == null);
        await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName("stopped").get() == null);
    }

    private static final String HOLD = "example.com/hold";

    private static void releaseHold(String podName) {
        client.pods().inNamespace(ns).withName(podName).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers/0\"}]");
    }

    @Test
    void aPodWaitsForAMissingConfigMapVolumeThenRuns() {
        List<Volume> volumes = List.of(new VolumeBuilder().withName("late").withNewConfigMap().withName("late-data").endConfigMap().build());
        create(client, ns, job("late", List.of(), List.of(sh("c", "cat /late/k", mount("late", "/late"))), volumes).build());
        await().atMost(WAIT).until(() -> pods(client, ns, "late").stream().anyMatch(p -> p.getStatus() != null
                && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().get(0).getState().getWaiting() != null
                && "ContainerCreating".equals(p.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())));
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("late-data").endMetadata()
                .addToData("k", "arrived").build()).create();
        awaitCondition(client, ns, "late", "Complete", WAIT);
        Pod pod = onlyPod(client, ns, "late");
        assertThat(client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).getLog()).isEqualTo("arrived");
    }

    @Test
    void theRunnerImageRunsTheRunnerJarWithTheImagesEnvironment() {
        var version = new ContainerBuilder().withName("version").withImage("kubejudge/judge-runner:0.1.0")
                .withCommand("kubejudge-runner").withArgs("--version").build();
        var environment = new ContainerBuilder().withName("environment").withImage("kubejudge/judge-runner:0.1.0")
                .withCommand("/bin/sh", "-c", "test -x \"$KUBEJUDGE_LAUNCHER\" && echo \"launcher=$KUBEJUDGE_LAUNCHER\"").build();
        create(client, ns, job("runner-image", List.of(version), List.of(environment), List.of()).build());
        awaitCondition(client, ns, "runner-image", "Complete", Duration.ofMinutes(5));
        String pod = onlyPod(client, ns, "runner-image").getMetadata().getName();
        assertThat(client.pods().inNamespace(ns).withName(pod).inContainer("version").getLog()).startsWith("kubejudge judge-runner ");
        assertThat(client.pods().inNamespace(ns).withName(pod).inContainer("environment").getLog())
                .isEqualTo("launcher=" + cluster.runnerImage().launcher() + "\n");
    }

    @Test
    void aContainerRunsAsItsSecurityContextsUser() {
        var c = new ContainerBuilder(sh("c", "id -u; id -g; id -G; grep NoNewPrivs /proc/self/status"))
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withRunAsGroup(65534L).endSecurityContext().build();
        Job job = job("user", List.of(), List.of(c), List.of()).editSpec().editTemplate().editSpec()
                .withNewSecurityContext().withRunAsUser(65534L).withRunAsGroup(1234L).withFsGroup(2345L).endSecurityContext()
                .endSpec().endTemplate().endSpec().build();
        create(client, ns, job);
        awaitCondition(client, ns, "user", "Complete", WAIT);
        String log = client.pods().inNamespace(ns).withName(onlyPod(client, ns, "user").getMetadata().getName()).getLog();
        assertThat(log.lines().toList()).containsExactly("65534", "65534", "65534 2345", "NoNewPrivs:\t1");
    }

    private static PodCondition scheduled(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElse(null);
    }

    private static ConfigMap ownedConfigMap(String name, String apiVersion, String kind, String ownerName, String uid) {
        return new ConfigMapBuilder().withNewMetadata().withName(name)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(ownerName)
                        .withUid(uid).withController(true).build())
                .endMetadata().withData(Map.of("k", "v")).build();
    }
}
