package io.kubejudge.operator.submission;

import static io.kubejudge.operator.MockCluster.terminated;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.MockCluster;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testsupport.RetryOnConflict;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The submission tests' cluster: the mock API server with problem {@code aplusb} (2 tests), pool
 * {@code default} (1 slot) and a running operator; the tests play the Job controller and the kubelet
 * by hand, with the termination messages of a judged {@code aplusb}.
 */
abstract class OperatorOnMockCluster {
    static final String ACCEPTED_CHECK = "{\"step\":\"check\",\"verdict\":\"Accepted\",\"score\":2.0,\"maxScore\":2.0,"
            + "\"timeMs\":12,\"memoryKiB\":1536,\"compile\":{\"success\":true,\"message\":\"\",\"timeMs\":300},"
            + "\"tests\":[{\"name\":\"t1\",\"verdict\":\"Accepted\",\"timeMs\":12,\"memoryKiB\":1536,\"exitCode\":0,\"points\":1.0},"
            + "{\"name\":\"t2\",\"verdict\":\"Accepted\",\"timeMs\":10,\"memoryKiB\":1500,\"exitCode\":0,\"points\":1.0}],"
            + "\"testCount\":2,\"judge\":{\"runnerVersion\":\"0.1.0\",\"language\":\"cpp\",\"compilerVersion\":\"g++ 12.2\",\"landlock\":true}}";
    static final String COMPILE_OK = "{\"step\":\"compile\",\"compile\":{\"success\":true,\"timeMs\":300}}";
    static final String RUN_OK = "{\"step\":\"run\",\"testCount\":2}";

    MockCluster cluster;
    KubernetesClient client;
    KubeJudgeOperator operator;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        client = cluster.client();
        client.resource(Fixtures.problem("aplusb", 2)).create();
        client.resource(Fixtures.pool("default", 1)).create();
        operator = KubeJudgeOperator.start(client, settings());
    }

    /** Short grace and refresh periods, so that the tests see them pass. */
    OperatorSettings settings() {
        return OperatorSettings.builder().namespaces(Set.of(Fixtures.NS)).maxAttempts(2)
                .missingReferenceGrace(Duration.ofMillis(500)).queuePositionRefresh(Duration.ofMillis(300))
                .reconcileThreads(4).build();
    }

    @AfterEach
    void stop() {
        operator.stop();
        cluster.close();
    }

    JudgeSubmission get(String name) {
        return submission(name).get();
    }

    /** A change of the submission's spec, as a user makes it while the operator writes its status. */
    void edit(String name, UnaryOperator<JudgeSubmission> change) {
        RetryOnConflict.edit(submission(name), change);
    }

    private Resource<JudgeSubmission> submission(String name) {
        return client.resources(JudgeSubmission.class).inNamespace(Fixtures.NS).withName(name);
    }

    Job awaitJob(String name) {
        return await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName(name).get(), j -> j != null);
    }

    void submit(JudgeSubmission s) {
        s.getMetadata().setUid(null);
        client.resource(s).create();
    }

    /** The Job's pod {@code <job>-<suffix>}, run to an Accepted verdict. */
    Pod finishAccepted(Job job, String suffix) {
        return cluster.runPod(job, suffix, List.of(terminated("compile", 0, COMPILE_OK), terminated("run", 0, RUN_OK)),
                List.of(terminated("check", 0, ACCEPTED_CHECK)), "Succeeded", List.of());
    }
}
