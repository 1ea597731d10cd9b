package io.kubejudge.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.PodResources;
import io.kubejudge.model.v1alpha1.SeccompProfile;
import io.kubejudge.operator.job.JobFactory;
import io.kubejudge.operator.job.SourceConfigMapFactory;
import io.kubejudge.operator.job.TestDataLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiCreateTest {

    private static JudgeNodePool everythingSetPool() {
        JudgeNodePool pool = Fixtures.pool("default", 4);
        PodResources r = new PodResources();
        r.setCpu("1500m");
        r.setMemory("1Gi");
        pool.getSpec().setResources(r);
        pool.getSpec().setImage("registry.local/kubejudge/judge-runner:1.2.3");
        pool.getSpec().setNodeSelector(Map.of("kubejudge.io/judge", "true"));
        pool.getSpec().setTolerations(List.of(new TolerationBuilder().withKey("judge").withOperator("Exists")
                .withEffect("NoSchedule").withTolerationSeconds(30L).build()));
        pool.getSpec().setAffinity(new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("zone").withOperator("In").withValues("a", "b")
                .endMatchExpression().endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity().build());
        pool.getSpec().setRuntimeClassName("gvisor");
        pool.getSpec().setPriorityClassName("judge-low");
        pool.getSpec().setHostUsers(false);
        SeccompProfile seccomp = new SeccompProfile();
        seccomp.setType("Localhost");
        seccomp.setLocalhostProfile("kubejudge/judge-runner.json");
        pool.getSpec().setSeccompProfile(seccomp);
        return pool;
    }

    private static void sameAsTheClientWould(HasMetadata object) {
        String client = new KubernetesSerialization().asJson(object);
        assertThat(new String(ApiCreate.json(object), StandardCharsets.UTF_8)).isEqualTo(client);
    }

    @Test
    void writesTheJsonTheClientWouldForEveryKindItCreates() {
        JudgeSubmission s = Fixtures.submission("sub-9");
        s.getSpec().setSource("#include <cstdio>\nint main(){ puts(\"\\u00e9 \\\"quoted\\\"\"); }\n");
        JudgeProblem problem = Fixtures.problem("aplusb", 3);
        Job job = new JobFactory(OperatorSettings.builder().build()).build(s, problem.getSpec(), everythingSetPool(),
                TestDataLayout.unknown(), 1, 2);
        ConfigMap source = SourceConfigMapFactory.build(s, problem.getSpec(), job.getMetadata().getName(), 2);
        Event event = new EventBuilder().withNewMetadata().withName("sub-9.1a2b3c4d").withNamespace(Fixtures.NS).endMetadata()
                .withNewInvolvedObject().withKind("JudgeSubmission").withName("sub-9").endInvolvedObject()
                .withReason("Admitted").withMessage("Job sub-9-r1-2 created (attempt 2)").withType("Normal").withCount(1)
                .withFirstTimestamp("2026-01-01T00:00:00Z").withNewSource().withComponent("kubejudge-operator").endSource().build();

        sameAsTheClientWould(job);
        sameAsTheClientWould(source);
        sameAsTheClientWould(event);
    }

    @Test
    void createsOnceThenReportsTheObjectAsThereAndFailsWithTheServersCode() {
        try (MockCluster cluster = new MockCluster()) {
            ConfigMap cm = SourceConfigMapFactory.build(Fixtures.submission("sub-10"), Fixtures.problem("aplusb", 1).getSpec(),
                    "sub-10-1", 1);

            assertThat(ApiCreate.create(cluster.client(), "api/v1", "configmaps", cm)).isEqualTo(ApiCreate.Result.CREATED);
            assertThat(ApiCreate.create(cluster.client(), "api/v1", "configmaps", cm)).isEqualTo(ApiCreate.Result.EXISTED);
            assertThat(cluster.client().configMaps().inNamespace(Fixtures.NS).withName(cm.getMetadata().getName()).get()
                    .getData()).isEqualTo(cm.getData());

            cm.getMetadata().setName(null);
            assertThatThrownBy(() -> ApiCreate.create(cluster.client(), "api/v1", "configmaps", cm))
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
        }
    }
}
