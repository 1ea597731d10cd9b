package io.kubejudge.operator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.kubejudge.model.v1alpha1.Autoscaling;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus.Phase;
import io.kubejudge.model.v1alpha1.PodResources;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.MockCluster;
import io.kubejudge.operator.OperatorSettings;
import io.kubejudge.testsupport.RetryOnConflict;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoolReconcilerTest {
    MockCluster cluster;
    KubernetesClient client;
    KubeJudgeOperator operator;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        client = cluster.client();
        operator = KubeJudgeOperator.start(client, OperatorSettings.builder().namespaces(Set.of(Fixtures.NS)).build());
    }

    @AfterEach
    void stop() {
        operator.stop();
        cluster.close();
    }

    Resource<JudgeNodePool> pool(String name) {
        return client.resources(JudgeNodePool.class).inNamespace(Fixtures.NS).withName(name);
    }

    JudgeNodePool get(String name) {
        return pool(name).get();
    }

    JudgeNodePool autoscaledPool() {
        JudgeNodePool pool = Fixtures.pool("fast", 3);
        Autoscaling a = new Autoscaling();
        a.setMinReplicas(2);
        a.setMaxReplicas(20);
        a.setTargetQueuedPerSlot(5);
        pool.getSpec().setAutoscaling(a);
        PodResources r = new PodResources();
        r.setCpu("500m");
        r.setMemory("1Gi");
        pool.getSpec().setResources(r);
        pool.getSpec().setPriorityClassName("judge-fast");
        pool.getMetadata().setUid(null);
        return pool;
    }

    @Test
    void poolGetsItsHpaQuotaAndNetworkPolicyOwnedByIt() {
        client.resource(autoscaledPool()).create();
        String uid = await().until(() -> get("fast"), p -> p != null).getMetadata().getUid();

        HorizontalPodAutoscaler hpa = await().until(() -> client.autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace(Fixtures.NS).withName("kubejudge-pool-fast").get(), h -> h != null);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("JudgeNodePool");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("kubejudge.io/v1alpha1");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("fast");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(20);
        var metric = hpa.getSpec().getMetrics().get(0);
        assertThat(metric.getType()).isEqualTo("External");
        assertThat(metric.getExternal().getMetric().getName()).isEqualTo("kubejudge_queue_depth");
        assertThat(metric.getExternal().getMetric().getSelector().getMatchLabels())
                .containsEntry("pool", "fast").containsEntry("namespace", Fixtures.NS);
        assertThat(metric.getExternal().getTarget().getType()).isEqualTo("AverageValue");
        assertThat(metric.getExternal().getTarget().getAverageValue()).isEqualTo(new Quantity("5"));

        ResourceQuota quota = client.resourceQuotas().inNamespace(Fixtures.NS).withName("kubejudge-pool-fast").get();
        assertThat(quota.getSpec().getHard()).containsEntry("pods", new Quantity("3"))
                .containsEntry("requests.cpu", new Quantity("1500m")).containsEntry("limits.cpu", new Quantity("1500m"));
        assertThat(Quantity.getAmountInBytes(quota.getSpec().getHard().get("limits.memory")))
                .isEqualByComparingTo(Quantity.getAmountInBytes(new Quantity("3Gi")));
        assertThat(quota.getSpec().getScopeSelector().getMatchExpressions())
                .extracting(e -> e.getScopeName()).containsExactly("Terminating", "PriorityClass");
        assertThat(quota.getSpec().getScopeSelector().getMatchExpressions().get(1).getValues()).containsExactly("judge-fast");

        NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace(Fixtures.NS)
                .withName("kubejudge-pool-fast-deny-all").get();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsEntry("kubejudge.io/pool", "fast").containsEntry("app.kubernetes.io/name", "kubejudge-judge");

        for (var owned : List.of(hpa, quota, policy)) {
            assertThat(owned.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getKind()).isEqualTo("JudgeNodePool");
                assertThat(o.getUid()).isEqualTo(uid);
                assertThat(o.getController()).isTrue();
            });
        }

        var status = await().until(() -> get("fast").getStatus(), s -> s != null && s.getReplicas() != null);
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getRunning()).isZero();
        assertThat(status.getQueued()).isZero();
        assertThat(status.getLabelSelector()).isEqualTo("app.kubernetes.io/name=kubejudge-judge,kubejudge.io/pool=fast");
        assertThat(status.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
        });
    }

    @Test
    void dependentsFollowThePoolSpec() {
        client.resource(autoscaledPool()).create();
        await().until(() -> client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(Fixtures.NS)
                .withName("kubejudge-pool-fast").get() != null);
        RetryOnConflict.edit(pool("fast"), p -> {
            p.getSpec().setReplicas(5);
            p.getSpec().setAutoscaling(null);
            return p;
        });
        await().until(() -> client.resourceQuotas().inNamespace(Fixtures.NS).withName("kubejudge-pool-fast").get()
                .getSpec().getHard().get("pods").equals(new Quantity("5")));
        await().until(() -> client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(Fixtures.NS)
                .withName("kubejudge-pool-fast").get() == null);
        await().until(() -> get("fast").getStatus().getReplicas() == 5);
    }

    /** The deny-all policy is the pool's isolation: an allow rule added by hand is taken out again. */
    @Test
    void anAllowRuleAddedToThePoolsNetworkPolicyIsReverted() {
        client.resource(autoscaledPool()).create();
        var policies = client.network().v1().networkPolicies().inNamespace(Fixtures.NS).withName("kubejudge-pool-fast-deny-all");
        await().until(() -> policies.get() != null);
        RetryOnConflict.edit(policies, p -> {
            p.getSpec().getIngress().add(new NetworkPolicyIngressRuleBuilder().addNewFrom().withNewNamespaceSelector()
                    .endNamespaceSelector().endFrom().build());
            p.getMetadata().getLabels().put("team", "infra");
            return p;
        });
        await().untilAsserted(() -> assertThat(policies.get().getSpec().getIngress()).isEmpty());
        NetworkPolicy restored = policies.get();
        assertThat(restored.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(restored.getMetadata().getLabels()).as("metadata others add is theirs").containsEntry("team", "infra");
    }

    /**
     * A pool without autoscaling has no HPA and costs no HPA request; switching autoscaling off
     * deletes the HPA once, and the reconciliations that follow leave the three kinds alone.
     */
    @Test
    void theHpaIsDeletedOnceWhenAutoscalingIsSwitchedOffAndNeverAskedForOtherwise() throws Exception {
        JudgeNodePool plain = Fixtures.pool("plain", 2);
        plain.getMetadata().setUid(null);
        client.resource(plain).create();
        await().until(() -> get("plain").getStatus() != null && get("plain").getStatus().getReplicas() == 2);
        for (int replicas = 3; replicas <= 5; replicas++) {
            setReplicas("plain", replicas);
        }
        assertThat(hpaRequests(cluster.takeRequests())).as("HPA requests of a pool without autoscaling").isEmpty();

        client.resource(autoscaledPool()).create();
        await().until(() -> hpa("fast") != null);
        RetryOnConflict.edit(pool("fast"), p -> {
            p.getSpec().setAutoscaling(null);
            return p;
        });
        await().until(() -> hpa("fast") == null);
        for (int replicas = 4; replicas <= 6; replicas++) {
            setReplicas("fast", replicas);
        }
        List<String> requests = cluster.takeRequests();
        assertThat(hpaRequests(requests)).filteredOn(r -> r.startsWith("DELETE ")).as(requests.toString()).hasSize(1);
        assertThat(hpaRequests(requests)).filteredOn(r -> !r.startsWith("DELETE ") && !r.startsWith("GET "))
                .as("no HPA write after the delete").isEmpty();
    }

    /** Objects a spec change does not concern are not written again (the quota follows the replicas, the others do not). */
    @Test
    void dependentsASpecChangeDoesNotConcernAreNotWritten() throws Exception {
        client.resource(autoscaledPool()).create();
        await().until(() -> hpa("fast") != null && get("fast").getStatus() != null);
        cluster.takeRequests();
        for (int replicas = 4; replicas <= 6; replicas++) {
            setReplicas("fast", replicas);
        }
        List<String> writes = cluster.takeRequests().stream().filter(r -> !r.startsWith("GET ")).toList();
        assertThat(writes).filteredOn(r -> r.contains("/resourcequotas/")).hasSize(3);
        assertThat(writes).filteredOn(r -> r.contains("/horizontalpodautoscalers") || r.contains("/networkpolicies")).isEmpty();
    }

    /** Scales the pool and waits until the operator has followed (status and quota). */
    private void setReplicas(String pool, int replicas) {
        scale(pool, replicas);
        await().until(() -> get(pool).getStatus().getReplicas() == replicas
                && client.resourceQuotas().inNamespace(Fixtures.NS).withName("kubejudge-pool-" + pool).get()
                        .getSpec().getHard().get("pods").equals(new Quantity(Integer.toString(replicas))));
    }

    /** What {@code kubectl scale} does: only {@code spec.replicas} changes. */
    private void scale(String pool, int replicas) {
        RetryOnConflict.edit(pool(pool), p -> {
            p.getSpec().setReplicas(replicas);
            return p;
        });
    }

    private HorizontalPodAutoscaler hpa(String pool) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(Fixtures.NS).withName("kubejudge-pool-" + pool).get();
    }

    /** The operator's requests about HPAs (the informer's list and watch aside); the test's own GETs are among them. */
    private static List<String> hpaRequests(List<String> requests) {
        return requests.stream().filter(r -> r.contains("/horizontalpodautoscalers/")).toList();
    }

    @Test
    void scaleUpAdmitsAtOnceAndScaleDownOnlyStopsAdmitting() {
        client.resource(Fixtures.problem("aplusb", 1)).create();
        JudgeNodePool pool = Fixtures.pool("default", 2);
        pool.getMetadata().setUid(null);
        client.resource(pool).create();
        for (int i = 1; i <= 4; i++) {
            JudgeSubmission s = Fixtures.submission("s" + i);
            s.getSpec().setUserId("u" + i);
            s.getMetadata().setUid(null);
            client.resource(s).create();
        }
        await().until(() -> jobs().size() == 2);
        await().until(() -> get("default").getStatus() != null && get("default").getStatus().getQueued() == 2
                && get("default").getStatus().getRunning() == 2);
        assertThat(get("default").getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Saturated");
            assertThat(c.getStatus()).isEqualTo("True");
        });

        scale("default", 3);
        await().until(() -> jobs().size() == 3);

        scale("default", 1);
        await().until(() -> get("default").getStatus().getReplicas() == 1);
        assertThat(jobs()).as("running judges are not killed by a scale-down").hasSize(3);
        assertThat(client.resources(JudgeSubmission.class).inNamespace(Fixtures.NS).list().getItems())
                .filteredOn(s -> s.getStatus().getPhase() == Phase.RUNNING).hasSize(3);
    }

    @Test
    void poolIsDegradedWhenItsJudgesCannotStart() {
        client.resource(Fixtures.problem("aplusb", 1)).create();
        JudgeNodePool pool = Fixtures.pool("default", 1);
        pool.getMetadata().setUid(null);
        client.resource(pool).create();
        JudgeSubmission s = Fixtures.submission("s1");
        s.getMetadata().setUid(null);
        client.resource(s).create();
        Job job = await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get(), j -> j != null);
        cluster.runPod(job, "pull1", List.of(MockCluster.waiting("compile", "ErrImagePull", "manifest unknown")),
                List.of(), "Pending", List.of());
        await().until(() -> get("default").getStatus() != null && get("default").getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Degraded") && c.getStatus().equals("True")));
        var degraded = get("default").getStatus().getConditions().stream().filter(c -> c.getType().equals("Degraded")).findFirst().orElseThrow();
        assertThat(degraded.getMessage()).contains("ErrImagePull").contains("manifest unknown");
        assertThat(get("default").getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("False");
        });
    }

    @Test
    void poolIsDegradedWhenItsJudgesReportGarbage() {
        client.resource(Fixtures.problem("aplusb", 1)).create();
        JudgeNodePool pool = Fixtures.pool("default", 1);
        pool.getMetadata().setUid(null);
        client.resource(pool).create();
        JudgeSubmission s = Fixtures.submission("s1");
        s.getMetadata().setUid(null);
        client.resource(s).create();
        Job job = await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get(), j -> j != null);
        cluster.runPod(job, "garbl", List.of(MockCluster.terminated("compile", 0, "{\"step\":\"compile\"}"),
                MockCluster.terminated("run", 0, "{\"step\":\"run\"}")),
                List.of(MockCluster.terminated("check", 0, "%%% not json")), "Succeeded", List.of());
        await().until(() -> get("default").getStatus() != null && get("default").getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Degraded") && c.getStatus().equals("True")
                        && c.getMessage().contains("malformed termination message of container check")));
    }

    private List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(Fixtures.NS).list().getItems();
    }
}
