package io.kubejudge.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.operator.JudgeLabels;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart with its defaults: the objects, names and settings the images, the operator and docs/install.md rely on. */
class DefaultValuesTest {
    private final Rendering rendering = ValueSets.render(ValueSets.DEFAULTS);

    @Test
    void rendersExactlyTheseObjects() {
        assertThat(rendering.objects().stream().map(DefaultValuesTest::id).toList()).containsExactlyInAnyOrder(
                "Namespace kubejudge-judges",
                "NetworkPolicy kubejudge/kubejudge-api",
                "NetworkPolicy kubejudge/kubejudge-operator",
                "NetworkPolicy kubejudge/kubejudge-redis",
                "NetworkPolicy kubejudge-judges/kubejudge-judges-deny-all",
                "PodDisruptionBudget kubejudge/kubejudge-operator",
                "PodDisruptionBudget kubejudge/kubejudge-api",
                "ServiceAccount kubejudge/kubejudge-operator",
                "ServiceAccount kubejudge/kubejudge-api",
                "ServiceAccount kubejudge/kubejudge-redis",
                "Secret kubejudge/kubejudge-redis",
                "ClusterRole kubejudge-operator",
                "ClusterRoleBinding kubejudge-operator",
                "Role kubejudge/kubejudge-operator-leader-election",
                "RoleBinding kubejudge/kubejudge-operator-leader-election",
                "Role kubejudge-judges/kubejudge-api",
                "RoleBinding kubejudge-judges/kubejudge-api",
                "Service kubejudge/kubejudge-api",
                "Service kubejudge/kubejudge-redis",
                "Service kubejudge/kubejudge-operator",
                // the operator serves external.metrics.k8s.io (externalMetrics.provider: operator)
                "Secret kubejudge/kubejudge-operator-tls",
                "APIService v1beta1.external.metrics.k8s.io",
                "ClusterRoleBinding kubejudge-operator-auth-delegator",
                "RoleBinding kube-system/kubejudge-operator-auth-reader",
                // the Grafana dashboard (monitoring.dashboard.enabled)
                "ConfigMap kubejudge/kubejudge-dashboard",
                "Deployment kubejudge/kubejudge-operator",
                "Deployment kubejudge/kubejudge-api",
                "StatefulSet kubejudge/kubejudge-redis",
                "JudgeNodePool kubejudge-judges/default",
                // the pre-delete hook
                "ServiceAccount kubejudge/kubejudge-uninstall",
                "ClusterRole kubejudge-uninstall",
                "ClusterRoleBinding kubejudge-uninstall",
                "Job kubejudge/kubejudge-uninstall");
    }

    @Test
    void everyObjectCarriesTheContractsLabels() {
        for (HasMetadata o : rendering.objects()) {
            assertThat(o.getMetadata().getLabels()).as(id(o)).contains(
                    Map.entry("app.kubernetes.io/name", "kubejudge"), Map.entry("app.kubernetes.io/instance", "kubejudge"));
        }
        assertThat(rendering.one(Deployment.class, "kubejudge-operator").getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "operator");
        assertThat(rendering.one(Deployment.class, "kubejudge-api").getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "api");
        assertThat(rendering.one(StatefulSet.class, "kubejudge-redis").getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "redis");
    }

    @Test
    void theOperatorRunsTwoReplicasWithLeaderElectionAndWatchesTheCluster() {
        Deployment operator = rendering.one(Deployment.class, "kubejudge-operator");
        Container c = operator.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(operator.getSpec().getReplicas()).isEqualTo(2);
        assertThat(operator.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(c.getImage()).isEqualTo("kubejudge/operator:0.1.0");
        assertThat(operator.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("kubejudge-operator");
        assertThat(env(c)).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "JOSDK_ALL_NAMESPACES")
                .containsEntry("KUBEJUDGE_LEADER_ELECTION_ENABLED", "true")
                .containsEntry("KUBEJUDGE_LEADER_ELECTION_LEASE_NAME", "kubejudge-operator")
                .containsEntry("KUBEJUDGE_LEADER_ELECTION_LEASE_NAMESPACE", "fieldRef:metadata.namespace")
                .containsEntry("POD_NAME", "fieldRef:metadata.name")
                .containsEntry("KUBEJUDGE_REDIS_HOST", "kubejudge-redis.kubejudge.svc")
                .containsEntry("KUBEJUDGE_REDIS_PORT", "6379")
                .containsEntry("KUBEJUDGE_REDIS_PASSWORD", "secret:kubejudge-redis/redis-password");
        assertQuarkusProbesAndPort(c);
    }

    @Test
    void theApiServesTheJudgesNamespaceWithRedisFromTheSecret() {
        Deployment api = rendering.one(Deployment.class, "kubejudge-api");
        Container c = api.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(api.getSpec().getReplicas()).isEqualTo(2);
        assertThat(c.getImage()).isEqualTo("kubejudge/api:0.1.0");
        assertThat(env(c)).containsEntry("KUBEJUDGE_API_NAMESPACE", "kubejudge-judges")
                .containsEntry("KUBEJUDGE_REDIS_HOST", "kubejudge-redis.kubejudge.svc")
                .containsEntry("KUBEJUDGE_REDIS_PASSWORD", "secret:kubejudge-redis/redis-password")
                .containsEntry("MP_JWT_VERIFY_ISSUER", "kubejudge")
                // No key configured: nothing mounted, and NOTES.txt warns.
                .doesNotContainKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertQuarkusProbesAndPort(c);
        Service service = rendering.one(Service.class, "kubejudge-api");
        assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "api");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(8080);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
        });
    }

    @Test
    void redisIsOneStatefulSetWithAVolumeAndAGeneratedPassword() {
        StatefulSet redis = rendering.one(StatefulSet.class, "kubejudge-redis");
        Container c = redis.getSpec().getTemplate().getSpec().getContainers().get(0);
        Secret secret = rendering.one(Secret.class, "kubejudge-redis");

        assertThat(redis.getSpec().getReplicas()).isEqualTo(1);
        assertThat(redis.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(pvc -> assertThat(pvc.getMetadata().getName()).isEqualTo("data"));
        assertThat(c.getImage()).isEqualTo("redis:7.2-bookworm");
        assertThat(c.getCommand()).containsExactly("redis-server");
        assertThat(c.getArgs()).containsSequence("--requirepass", "$(REDIS_PASSWORD)").containsSequence("--dir", "/data");
        assertThat(env(c)).containsEntry("REDIS_PASSWORD", "secret:kubejudge-redis/redis-password");
        assertThat(redis.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()).isEqualTo(999L);
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("redis-password")))).hasSize(32);
        assertThat(rendering.one(Service.class, "kubejudge-redis").getSpec().getPorts().get(0).getPort()).isEqualTo(6379);
    }

    @Test
    void theOperatorsRulesAreExactlyTheseAndEachSaysWhoUsesIt() {
        assertThat(rules(rendering.one(io.fabric8.kubernetes.api.model.rbac.ClusterRole.class, "kubejudge-operator").getRules()))
                .containsExactly(
                        "kubejudge.io judgesubmissions: get,list,watch,patch,delete",
                        "kubejudge.io judgesubmissions/status,judgeproblems/status,judgenodepools/status: patch",
                        "kubejudge.io judgeproblems,judgenodepools: list,watch",
                        "batch jobs: get,list,watch,create,delete,deletecollection",
                        " pods: get,list,watch,update,deletecollection",
                        " pods/log: get",
                        " configmaps: get,list,watch,create",
                        " events: create",
                        " resourcequotas: list,watch,create,update",
                        "networking.k8s.io networkpolicies: list,watch,create,update",
                        "autoscaling horizontalpodautoscalers: list,watch,create,update,delete");
        assertThat(rules(rendering.one(io.fabric8.kubernetes.api.model.rbac.Role.class, "kubejudge-operator-leader-election").getRules()))
                .containsExactly("coordination.k8s.io leases: get,create,update,patch");
        // Every rule of every role has its reason written just above it.
        List<String> lines = rendering.manifests().lines().toList();
        int rulesSeen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("- apiGroups:")) {
                rulesSeen++;
                assertThat(lines.get(i - 1).trim()).as("the comment above %s", lines.get(i)).startsWith("#");
            }
        }
        assertThat(rulesSeen).isGreaterThan(15);
    }

    @Test
    void theApisRulesAreExactlyTheseInTheJudgesNamespace() {
        var role = rendering.one(io.fabric8.kubernetes.api.model.rbac.Role.class, "kubejudge-api");

        assertThat(role.getMetadata().getNamespace()).isEqualTo("kubejudge-judges");
        assertThat(rules(role.getRules())).containsExactly(
                "kubejudge.io judgesubmissions: get,list,create,patch",
                "kubejudge.io judgeproblems: get,list,watch",
                "kubejudge.io judgenodepools: get,list,watch,patch",
                "metrics.k8s.io pods: list");
    }

    @Test
    void eachServiceAccountIsBoundToItsOwnRoles() {
        assertThat(bindings()).containsExactlyInAnyOrder(
                "ClusterRoleBinding kubejudge-operator: ClusterRole kubejudge-operator -> kubejudge/kubejudge-operator",
                "ClusterRoleBinding kubejudge-operator-auth-delegator: ClusterRole system:auth-delegator -> kubejudge/kubejudge-operator",
                "RoleBinding kube-system/kubejudge-operator-auth-reader: Role extension-apiserver-authentication-reader -> kubejudge/kubejudge-operator",
                "RoleBinding kubejudge/kubejudge-operator-leader-election: Role kubejudge-operator-leader-election -> kubejudge/kubejudge-operator",
                "RoleBinding kubejudge-judges/kubejudge-api: Role kubejudge-api -> kubejudge/kubejudge-api",
                "ClusterRoleBinding kubejudge-uninstall: ClusterRole kubejudge-uninstall -> kubejudge/kubejudge-uninstall");
    }

    @Test
    void theUninstallHooksRulesAreExactlyWhatReleaseJudgesDoes() {
        assertThat(rules(rendering.one(io.fabric8.kubernetes.api.model.rbac.ClusterRole.class, "kubejudge-uninstall").getRules()))
                .containsExactly(
                        "kubejudge.io judgesubmissions: get,list,delete,update",
                        " pods: get,list,update");
    }

    private List<String> bindings() {
        return java.util.stream.Stream.concat(
                rendering.all(io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class).stream()
                        .map(b -> id(b) + ": " + b.getRoleRef().getKind() + " " + b.getRoleRef().getName() + " -> "
                                + b.getSubjects().stream().map(s -> s.getNamespace() + "/" + s.getName()).collect(Collectors.joining(","))),
                rendering.all(io.fabric8.kubernetes.api.model.rbac.RoleBinding.class).stream()
                        .map(b -> id(b) + ": " + b.getRoleRef().getKind() + " " + b.getRoleRef().getName() + " -> "
                                + b.getSubjects().stream().map(s -> s.getNamespace() + "/" + s.getName()).collect(Collectors.joining(","))))
                .toList();
    }

    @Test
    void judgePodsAreCutOffAndRedisOnlyTakesTheOperatorAndTheApi() {
        NetworkPolicy judges = rendering.one(NetworkPolicy.class, "kubejudge-judges-deny-all");
        assertThat(judges.getMetadata().getNamespace()).isEqualTo("kubejudge-judges");
        // The labels the operator gives every judge pod.
        assertThat(judges.getSpec().getPodSelector().getMatchLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                JudgeLabels.NAME, JudgeLabels.JUDGE_NAME, JudgeLabels.MANAGED_BY, JudgeLabels.OPERATOR));
        assertThat(judges.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(judges.getSpec().getIngress()).isNullOrEmpty();
        assertThat(judges.getSpec().getEgress()).isNullOrEmpty();

        NetworkPolicy redis = rendering.one(NetworkPolicy.class, "kubejudge-redis");
        assertThat(redis.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(redis.getSpec().getEgress()).isNullOrEmpty();
        assertThat(redis.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).extracting(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
                    .containsExactlyInAnyOrder("operator", "api");
            assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(6379));
        });

        NetworkPolicy api = rendering.one(NetworkPolicy.class, "kubejudge-api");
        assertThat(api.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).isNullOrEmpty();
            assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(8080));
        });
    }

    @Test
    void podDisruptionBudgetsKeepOneOfEachTwo() {
        for (String name : List.of("kubejudge-operator", "kubejudge-api")) {
            PodDisruptionBudget pdb = rendering.one(PodDisruptionBudget.class, name);
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
            assertThat(pdb.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(rendering.one(Deployment.class, name).getSpec().getSelector().getMatchLabels());
        }
    }

    @Test
    void theDefaultPoolRunsTheJudgeRunnerOfThisVersion() {
        JudgeNodePool pool = rendering.one(JudgeNodePool.class, "default");

        assertThat(pool.getMetadata().getNamespace()).isEqualTo("kubejudge-judges");
        assertThat(pool.getSpec().getImage()).isEqualTo("kubejudge/judge-runner:0.1.0");
        assertThat(pool.getSpec().getReplicas()).isEqualTo(4);
        assertThat(pool.getSpec().getAutoscaling().getMinReplicas()).isEqualTo(2);
        assertThat(pool.getSpec().getAutoscaling().getMaxReplicas()).isEqualTo(20);
        assertThat(pool.getSpec().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pool.getSpec().getSeccompProfile().getLocalhostProfile()).isNull();
        assertThat(pool.getSpec().getResources().getMemory()).isEqualTo("1Gi");
    }

    @Test
    void thePreDeleteHookReleasesTheJudgesWithItsOwnRightsCreatedFirst() {
        Job job = rendering.one(Job.class, "kubejudge-uninstall");
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(c.getImage()).isEqualTo("kubejudge/operator:0.1.0");
        assertThat(c.getCommand()).startsWith("java").endsWith(
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", "/opt/kubejudge/operator/lib/boot/*:/opt/kubejudge/operator/lib/main/*:/opt/kubejudge/operator/app/*",
                "io.kubejudge.operator.uninstall.ReleaseJudges");
        assertThat(env(c)).containsEntry("KUBEJUDGE_NAMESPACES", "").containsEntry("KUBEJUDGE_UNINSTALL_TIMEOUT", "60s");
        assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("kubejudge-uninstall");
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");

        Map<String, Integer> weights = rendering.objects().stream()
                .filter(o -> o.getMetadata().getAnnotations() != null && o.getMetadata().getAnnotations().containsKey("helm.sh/hook"))
                .peek(o -> assertThat(o.getMetadata().getAnnotations()).as(id(o))
                        .containsEntry("helm.sh/hook", "pre-delete")
                        .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded"))
                .collect(Collectors.toMap(DefaultValuesTest::id,
                        o -> Integer.parseInt(o.getMetadata().getAnnotations().get("helm.sh/hook-weight"))));
        assertThat(weights).hasSize(4);
        assertThat(weights.get("Job kubejudge/kubejudge-uninstall"))
                .isGreaterThan(weights.get("ClusterRoleBinding kubejudge-uninstall"));
        assertThat(weights.get("ClusterRoleBinding kubejudge-uninstall"))
                .isGreaterThan(weights.get("ServiceAccount kubejudge/kubejudge-uninstall"))
                .isGreaterThan(weights.get("ClusterRole kubejudge-uninstall"));
        assertThat(rendering.hooks("pre-delete")).extracting(DefaultValuesTest::id).containsExactly(
                "ClusterRole kubejudge-uninstall", "ServiceAccount kubejudge/kubejudge-uninstall",
                "ClusterRoleBinding kubejudge-uninstall", "Job kubejudge/kubejudge-uninstall");
        assertThat(rendering.releaseObjects()).hasSize(rendering.objects().size() - 4).doesNotContain(job);
        // Hooks print after the release's objects, as helm template prints them.
        assertThat(rendering.objects().get(rendering.objects().size() - 1)).isSameAs(job);
    }

    private static void assertQuarkusProbesAndPort(Container c) {
        assertThat(c.getPorts()).filteredOn(p -> p.getName().equals("http")).singleElement()
                .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    }

    /** Env as name -> value, "fieldRef:path" or "secret:name/key". */
    static Map<String, String> env(Container c) {
        return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> {
            if (e.getValueFrom() == null) {
                return e.getValue() == null ? "" : e.getValue();
            }
            if (e.getValueFrom().getFieldRef() != null) {
                return "fieldRef:" + e.getValueFrom().getFieldRef().getFieldPath();
            }
            return "secret:" + e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey();
        }));
    }

    static List<String> rules(List<PolicyRule> rules) {
        return rules.stream().map(r -> String.join(",", r.getApiGroups()) + " " + String.join(",", r.getResources())
                + ": " + String.join(",", r.getVerbs())).toList();
    }

    static String id(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return o.getKind() + " " + (ns == null ? "" : ns + "/") + o.getMetadata().getName();
    }
}
