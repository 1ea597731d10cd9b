package io.kubejudge.operator.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeProblemStatus;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.JudgeLabels;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.MockCluster;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testsupport.RetryOnConflict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The problem reconciler against the mock API server: status, data ConfigMaps watched, admission. */
class JudgeProblemReconcilerTest {
    static final String OTHER_NS = "judge-b";

    MockCluster cluster;
    KubernetesClient client;
    KubeJudgeOperator operator;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        client = cluster.client();
    }

    void startOperator(Duration grace, String... namespaces) {
        operator = KubeJudgeOperator.start(client, OperatorSettings.builder().namespaces(Set.of(namespaces))
                .missingReferenceGrace(grace).reconcileThreads(4).build(), registry);
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.stop();
        }
        cluster.close();
    }

    JudgeProblem get(String namespace, String name) {
        return client.resources(JudgeProblem.class).inNamespace(namespace).withName(name).get();
    }

    JudgeProblemStatus awaitStatus(String namespace, String name, java.util.function.Predicate<JudgeProblemStatus> p) {
        return await().until(() -> get(namespace, name).getStatus(), s -> s != null && p.test(s));
    }

    void create(JudgeProblem problem, String namespace) {
        problem.getMetadata().setUid(null);
        problem.getMetadata().setNamespace(namespace);
        client.resource(problem).create();
    }

    static ConfigMap data(String namespace, String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withData(data).build();
    }

    double problemReconciliations() {
        return registry.find("operator.sdk.reconciliations.success").tag("kind", "JudgeProblem").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Test
    void statusCountsTestsAndPointsAndIsWrittenOnlyWhenItChanges() {
        client.configMaps().resource(data(Fixtures.NS, "d", Map.of("t1.in", "1 1\n", "t1.ans", "2\n"))).create();
        JudgeProblem p = Fixtures.problem("sum", 1, "d");
        p.getSpec().getTests().get(0).setPoints(2.5);
        create(p, Fixtures.NS);
        startOperator(Duration.ofSeconds(30), Fixtures.NS);

        JudgeProblemStatus s = awaitStatus(Fixtures.NS, "sum", st -> st.getTestCount() != null);
        JudgeProblem read = get(Fixtures.NS, "sum");
        assertThat(s.getTestCount()).isEqualTo(1);
        assertThat(s.getTotalPoints()).isEqualTo(2.5);
        assertThat(s.getValidationErrors()).isEmpty();
        assertThat(s.getObservedGeneration()).isEqualTo(read.getMetadata().getGeneration());

        // A data change that changes nothing in the status: reconciled, but nothing written.
        double before = problemReconciliations();
        client.configMaps().inNamespace(Fixtures.NS).withName("d").edit(cm -> {
            cm.getData().put("notes.txt", "unrelated");
            return cm;
        });
        await().until(() -> problemReconciliations() > before);
        assertThat(get(Fixtures.NS, "sum").getMetadata().getResourceVersion()).isEqualTo(read.getMetadata().getResourceVersion());

        // A spec change is reflected with its generation.
        RetryOnConflict.edit(client.resources(JudgeProblem.class).inNamespace(Fixtures.NS).withName("sum"), problem -> {
            problem.getSpec().getTests().add(new io.kubejudge.model.v1alpha1.TestCase("t2", 1.0));
            return problem;
        });
        JudgeProblemStatus after = awaitStatus(Fixtures.NS, "sum", st -> st.getTestCount() == 2);
        assertThat(after.getTotalPoints()).isEqualTo(3.5);
        assertThat(after.getValidationErrors()).containsExactly(
                "spec.tests: test data missing (no inline input/answer and not in ConfigMap d): t2.in, t2.ans");
        assertThat(after.getObservedGeneration()).isEqualTo(get(Fixtures.NS, "sum").getMetadata().getGeneration());
    }

    /** The example problem as `kubejudge problem` generated it (subtasks, data ConfigMaps): valid. */
    @Test
    void theExampleProblemIsValid() throws Exception {
        startOperator(Duration.ofSeconds(30), Fixtures.NS);
        int tests = 0;
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("..", "examples", "problems", "aplusb", "kubernetes.yaml"))) {
            for (var item : client.load(in).items()) {
                item.getMetadata().setNamespace(Fixtures.NS);
                if ("JudgeProblem".equals(item.getKind())) {
                    JudgeProblem problem = client.getKubernetesSerialization().convertValue(item, JudgeProblem.class);
                    tests = problem.getSpec().getTests().size();
                    client.resource(problem).create();
                } else {
                    client.resource(item).create();
                }
            }
        }
        int expected = tests;
        assertThat(expected).isGreaterThan(1);
        JudgeProblemStatus s = awaitStatus(Fixtures.NS, "aplusb", st -> st.getTestCount() != null && st.getTestCount() == expected
                && st.getValidationErrors().isEmpty());
        assertThat(s.getTotalPoints()).isPositive();
    }

    @Test
    void dataConfigMapsAreWatchedAsTheyComeChangeAndGo() {
        startOperator(Duration.ofSeconds(30), Fixtures.NS);
        create(Fixtures.problem("late", 2, "late-data"), Fixtures.NS);
        awaitStatus(Fixtures.NS, "late", st -> st.getValidationErrors().contains(
                "spec.dataConfigMaps[0]: ConfigMap 'late-data' not found in namespace 'judge'"));

        // Binary data count as present keys (problem packages put binary files there).
        ConfigMap cm = data(Fixtures.NS, "late-data", Map.of("t1.in", "1 1\n", "t1.ans", "2\n"));
        cm.setBinaryData(Map.of("t2.in", "AAEC"));
        client.configMaps().resource(cm).create();
        awaitStatus(Fixtures.NS, "late", st -> st.getValidationErrors().equals(java.util.List.of(
                "spec.tests: test data missing (no inline input/answer and not in ConfigMap late-data): t2.ans")));

        client.configMaps().inNamespace(Fixtures.NS).withName("late-data").edit(c -> {
            c.getData().put("t2.ans", "4\n");
            return c;
        });
        // The errors are removed from the status, not left behind by a patch that only adds.
        awaitStatus(Fixtures.NS, "late", st -> st.getValidationErrors().isEmpty());
        assertThat(get(Fixtures.NS, "late").getStatus().getValidationErrors()).isEmpty();

        client.configMaps().inNamespace(Fixtures.NS).withName("late-data").delete();
        awaitStatus(Fixtures.NS, "late", st -> !st.getValidationErrors().isEmpty());
    }

    /** The source ConfigMaps the operator creates per judging are left out of the watch: they are never test data. */
    @Test
    void theOperatorsOwnConfigMapsAreNotTestData() {
        startOperator(Duration.ofSeconds(30), Fixtures.NS);
        ConfigMap own = data(Fixtures.NS, "own", Map.of("t1.in", "1\n", "t1.ans", "1\n"));
        own.getMetadata().setLabels(Map.of(JudgeLabels.MANAGED_BY, JudgeLabels.OPERATOR));
        client.configMaps().resource(own).create();
        client.configMaps().resource(data(Fixtures.NS, "theirs", Map.of("t1.in", "1\n", "t1.ans", "1\n"))).create();
        create(Fixtures.problem("uses-own", 1, "own"), Fixtures.NS);
        create(Fixtures.problem("uses-theirs", 1, "theirs"), Fixtures.NS);
        awaitStatus(Fixtures.NS, "uses-theirs", st -> st.getTestCount() != null && st.getValidationErrors().isEmpty());
        awaitStatus(Fixtures.NS, "uses-own", st -> st.getValidationErrors()
                .contains("spec.dataConfigMaps[0]: ConfigMap 'own' not found in namespace 'judge'"));
    }

    /** Several watched namespaces: each has its own ConfigMap informer, and a change in one leaves the others alone. */
    @Test
    void everyWatchedNamespaceKeepsItsOwnConfigMaps() {
        for (String ns : new String[] {Fixtures.NS, OTHER_NS}) {
            client.configMaps().resource(data(ns, "d", Map.of("t1.in", "1 1\n", "t1.ans", "2\n"))).create();
            create(Fixtures.problem("p", 1, "d"), ns);
        }
        startOperator(Duration.ofSeconds(30), Fixtures.NS, OTHER_NS);
        for (String ns : new String[] {Fixtures.NS, OTHER_NS}) {
            JudgeProblemStatus s = awaitStatus(ns, "p", st -> st.getTestCount() != null);
            assertThat(s.getValidationErrors()).as(ns).isEmpty();
        }
        client.configMaps().inNamespace(OTHER_NS).withName("d").delete();
        awaitStatus(OTHER_NS, "p", st -> !st.getValidationErrors().isEmpty());
        assertThat(get(Fixtures.NS, "p").getStatus().getValidationErrors()).isEmpty();
    }

    @Test
    void submissionsToAProblemThatCannotBeJudgedAreRejectedWithItsErrors() {
        client.resource(Fixtures.pool("default", 2)).create();
        startOperator(Duration.ofMillis(500), Fixtures.NS);
        create(Fixtures.problem("broken", 2, "never"), Fixtures.NS);
        awaitStatus(Fixtures.NS, "broken", st -> !st.getValidationErrors().isEmpty());

        JudgeSubmission s = Fixtures.submission("to-broken", "broken", io.kubejudge.model.result.Language.CPP, "int main(){}");
        s.getMetadata().setUid(null);
        client.resource(s).create();
        JudgeSubmission rejected = await().until(() -> client.resources(JudgeSubmission.class).inNamespace(Fixtures.NS)
                .withName("to-broken").get(), r -> r.getStatus() != null && r.getStatus().getPhase() == Phase.REJECTED);
        assertThat(rejected.getStatus().getMessage())
                .contains("spec.problem: JudgeProblem 'broken' cannot be judged")
                .contains("ConfigMap 'never' not found in namespace 'judge'");
        assertThat(client.batch().v1().jobs().inNamespace(Fixtures.NS).list().getItems()).isEmpty();
    }

    /** Problem first, data second, submission in between (kubectl apply of one file): it waits, then runs. */
    @Test
    void aSubmissionWaitsForDataThatArrivesWithinTheGrace() {
        client.resource(Fixtures.pool("default", 2)).create();
        startOperator(Duration.ofSeconds(60), Fixtures.NS);
        create(Fixtures.problem("soon", 1, "soon-data"), Fixtures.NS);
        awaitStatus(Fixtures.NS, "soon", st -> !st.getValidationErrors().isEmpty());

        JudgeSubmission s = Fixtures.submission("to-soon", "soon", io.kubejudge.model.result.Language.CPP, "int main(){}");
        s.getMetadata().setUid(null);
        client.resource(s).create();
        JudgeSubmission waiting = await().until(() -> client.resources(JudgeSubmission.class).inNamespace(Fixtures.NS)
                .withName("to-soon").get(), r -> r.getStatus() != null && r.getStatus().getMessage() != null);
        assertThat(waiting.getStatus().getPhase()).isEqualTo(Phase.QUEUED);
        assertThat(waiting.getStatus().getMessage()).startsWith("waiting for spec.problem: JudgeProblem 'soon' cannot be judged");

        client.configMaps().resource(data(Fixtures.NS, "soon-data", Map.of("t1.in", "1 1\n", "t1.ans", "2\n"))).create();
        await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("to-soon-1").get() != null);
    }
}
