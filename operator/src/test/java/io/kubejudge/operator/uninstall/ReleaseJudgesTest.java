package io.kubejudge.operator.uninstall;

import static io.kubejudge.operator.MockCluster.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.JudgeLabels;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.MockCluster;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.operator.job.PodFinalizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chart's pre-delete hook against the mock API server: with the operator still running, and without. */
class ReleaseJudgesTest {
    static final String SUBMISSION_FINALIZER = "judgesubmissions.kubejudge.io/finalizer";

    MockCluster cluster;
    KubernetesClient client;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        client = cluster.client();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    int release(Map<String, String> env) {
        return ReleaseJudges.run(env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()).build());
    }

    String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    JudgeSubmission submission(String ns, String name) {
        return client.resources(JudgeSubmission.class).inNamespace(ns).withName(name).get();
    }

    Pod pod(String ns, String name) {
        return client.pods().inNamespace(ns).withName(name).get();
    }

    /** A judge pod as the Job controller makes it: the operator's labels, our finalizer and the Job controller's. */
    Pod judgePod(String ns, String name) {
        return client.resource(new PodBuilder().withNewMetadata().withNamespace(ns).withName(name)
                .addToLabels(JudgeLabels.NAME, JudgeLabels.JUDGE_NAME).addToLabels(JudgeLabels.MANAGED_BY, JudgeLabels.OPERATOR)
                .withFinalizers(PodFinalizer.NAME, "batch.kubernetes.io/job-tracking").endMetadata()
                .withNewSpec().addNewContainer().withName("check").withImage("kubejudge/judge-runner:0.1.0").endContainer().endSpec()
                .build()).create();
    }

    JudgeSubmission submissionWithFinalizers(String ns, String name, String... finalizers) {
        JudgeSubmission s = Fixtures.submission(name);
        s.getMetadata().setUid(null);
        s.getMetadata().setNamespace(ns);
        s.getMetadata().setFinalizers(List.of(finalizers));
        return client.resource(s).create();
    }

    @Test
    void withoutARunningOperatorItRemovesOurFinalizersAndOnlyOurs() {
        submissionWithFinalizers(Fixtures.NS, "orphan", SUBMISSION_FINALIZER);
        submissionWithFinalizers(Fixtures.NS, "shared", SUBMISSION_FINALIZER, "example.com/keep");
        submissionWithFinalizers("elsewhere", "untouched", SUBMISSION_FINALIZER);
        judgePod(Fixtures.NS, "orphan-1-abcde");
        judgePod("elsewhere", "other-1-abcde");

        int exit = release(Map.of("KUBEJUDGE_NAMESPACES", Fixtures.NS + ", ", "KUBEJUDGE_UNINSTALL_TIMEOUT", "1s"));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(submission(Fixtures.NS, "orphan")).as("deleted, its finalizer removed: gone").isNull();
        JudgeSubmission shared = submission(Fixtures.NS, "shared");
        assertThat(shared.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(shared.getMetadata().getFinalizers()).as("someone else's finalizer stays").containsExactly("example.com/keep");
        assertThat(pod(Fixtures.NS, "orphan-1-abcde").getMetadata().getFinalizers()).containsExactly("batch.kubernetes.io/job-tracking");
        assertThat(submission("elsewhere", "untouched").getMetadata().getDeletionTimestamp()).as("not a listed namespace").isNull();
        assertThat(pod("elsewhere", "other-1-abcde").getMetadata().getFinalizers()).contains(PodFinalizer.NAME);
        assertThat(printed())
                .contains("deleted 2 JudgeSubmission(s) in namespace(s) judge")
                .contains("2 JudgeSubmission(s) left (the operator did not finish them within 1 s)")
                .contains("removed finalizer(s) [" + SUBMISSION_FINALIZER + "] from JudgeSubmission judge/orphan")
                .contains("removed finalizer kubejudge.io/result from pod judge/orphan-1-abcde")
                .contains("done (1 judge pod(s) released)");
    }

    @Test
    void allNamespacesWhenNoneAreGiven() {
        submissionWithFinalizers("a", "s1", SUBMISSION_FINALIZER);
        submissionWithFinalizers("b", "s2");
        judgePod("b", "s2-1-abcde");

        assertThat(release(Map.of("KUBEJUDGE_UNINSTALL_TIMEOUT", "0"))).isZero();

        assertThat(submission("a", "s1")).isNull();
        assertThat(submission("b", "s2")).isNull();
        assertThat(pod("b", "s2-1-abcde").getMetadata().getFinalizers()).doesNotContain(PodFinalizer.NAME);
        assertThat(printed()).contains("in all namespaces (2 found)");
    }

    @Test
    void theRunningOperatorFinishesItsJudgingsBeforeTheHookGivesUp() {
        client.resource(Fixtures.problem("aplusb", 2)).create();
        client.resource(Fixtures.pool("default", 1)).create();
        try (KubeJudgeOperator operator = KubeJudgeOperator.start(client,
                OperatorSettings.builder().namespaces(Set.of(Fixtures.NS)).reconcileThreads(4).build())) {
            JudgeSubmission s = Fixtures.submission("s1");
            s.getMetadata().setUid(null);
            client.resource(s).create();
            Job job = await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get(), j -> j != null);
            Pod judge = cluster.runPod(job, "abcde", List.of(running("compile")), List.of(), "Running", List.of());
            assertThat(judge.getMetadata().getFinalizers()).contains(PodFinalizer.NAME);
            assertThat(await().until(() -> submission(Fixtures.NS, "s1").getMetadata().getFinalizers(), f -> f != null && !f.isEmpty()))
                    .as("java-operator-sdk's finalizer of a Cleaner").containsExactly(SUBMISSION_FINALIZER);

            assertThat(release(Map.of("KUBEJUDGE_NAMESPACES", Fixtures.NS, "KUBEJUDGE_UNINSTALL_TIMEOUT", "30s"))).isZero();

            assertThat(printed()).contains("deleted 1 JudgeSubmission(s)").contains("0 JudgeSubmission(s) left")
                    .doesNotContain("removed finalizer(s)");
            assertThat(submission(Fixtures.NS, "s1")).isNull();
            Pod after = pod(Fixtures.NS, judge.getMetadata().getName());
            assertThat(after == null || !PodFinalizer.holds(after)).as("the operator let its pod go").isTrue();
        }
    }

    @Test
    void aBadTimeoutIsRefusedByName() {
        assertThat(release(Map.of("KUBEJUDGE_UNINSTALL_TIMEOUT", "soon"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("KUBEJUDGE_UNINSTALL_TIMEOUT").contains("'soon'");
    }

    @Test
    void timeoutsReadAsSecondsOrDurations() {
        assertThat(ReleaseJudges.timeout("")).isEqualTo(ReleaseJudges.DEFAULT_TIMEOUT);
        assertThat(ReleaseJudges.timeout("90")).hasSeconds(90);
        assertThat(ReleaseJudges.timeout("2m")).hasSeconds(120);
        assertThat(ReleaseJudges.timeout("1m30s")).hasSeconds(90);
        assertThat(ReleaseJudges.isKubeJudgeFinalizer(SUBMISSION_FINALIZER)).isTrue();
        assertThat(ReleaseJudges.isKubeJudgeFinalizer(PodFinalizer.NAME)).isTrue();
        assertThat(ReleaseJudges.isKubeJudgeFinalizer("notkubejudge.io/finalizer")).isFalse();
        assertThat(ReleaseJudges.isKubeJudgeFinalizer("foregroundDeletion")).isFalse();
    }
}
