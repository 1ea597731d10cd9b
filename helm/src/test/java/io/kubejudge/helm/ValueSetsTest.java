package io.kubejudge.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import org.junit.jupiter.api.Test;

import static io.kubejudge.helm.DefaultValuesTest.env;
import static io.kubejudge.helm.DefaultValuesTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

/** What each ci/ value set changes. */
class ValueSetsTest {

    private static Container container(Rendering r, String deployment) {
        return r.one(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void namespacedWatchGivesTheOperatorARoleInEachWatchedNamespaceAndNoClusterRole() {
        Rendering r = ValueSets.render("namespaced-values.yaml");

        assertThat(r.all(ClusterRole.class)).isEmpty();
        assertThat(r.all(Role.class).stream().filter(role -> role.getMetadata().getName().equals("kubejudge-operator")))
                .extracting(role -> role.getMetadata().getNamespace()).containsExactly("kubejudge-judges", "contest-b");
        assertThat(r.all(RoleBinding.class).stream().filter(b -> b.getMetadata().getName().equals("kubejudge-operator")))
                .allSatisfy(b -> assertThat(b.getSubjects()).singleElement().satisfies(s -> {
                    assertThat(s.getName()).isEqualTo("kubejudge-operator");
                    assertThat(s.getNamespace()).isEqualTo("kubejudge");
                }));
        assertThat(r.all(Role.class).stream().filter(role -> role.getMetadata().getName().equals("kubejudge-uninstall")))
                .extracting(role -> role.getMetadata().getNamespace()).containsExactly("kubejudge-judges", "contest-b");
        assertThat(env(container(r, "kubejudge-operator")))
                .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "kubejudge-judges,contest-b");
        assertThat(env(r.one(Job.class, "kubejudge-uninstall").getSpec().getTemplate().getSpec().getContainers().get(0)))
                .containsEntry("KUBEJUDGE_NAMESPACES", "kubejudge-judges,contest-b");

        assertThat(r.all(NetworkPolicy.class).stream().filter(p -> p.getMetadata().getName().equals("kubejudge-judges-deny-all")))
                .extracting(p -> p.getMetadata().getNamespace()).containsExactly("kubejudge-judges", "contest-b");

    }

    @Test
    void namespacedWatchDefaultsToTheJudgesNamespace() {
        Rendering r = ValueSets.chart().render(new RenderRequest().set("operator.watch.mode", "namespaces"));

        assertThat(env(container(r, "kubejudge-operator"))).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "kubejudge-judges");
        assertThat(r.all(Role.class)).extracting(role -> role.getMetadata().getNamespace() + "/" + role.getMetadata().getName())
                .contains("kubejudge-judges/kubejudge-operator");
    }

    @Test
    void externalRedisDropsTheBundledOneAndPointsBothComponentsAtIt() {
        Rendering r = ValueSets.render("external-redis-values.yaml");

        assertThat(r.all(StatefulSet.class)).isEmpty();
        assertThat(r.all(io.fabric8.kubernetes.api.model.Secret.class)).as("only the operator's serving certificate")
                .extracting(secret -> secret.getMetadata().getName()).containsExactly("kubejudge-operator-tls");
        assertThat(r.all(NetworkPolicy.class)).extracting(p -> p.getMetadata().getName()).doesNotContain("kubejudge-redis");
        for (String component : new String[] {"kubejudge-operator", "kubejudge-api"}) {
            assertThat(env(container(r, component))).as(component)
                    .containsEntry("KUBEJUDGE_REDIS_HOST", "redis.databases.svc")
                    .containsEntry("KUBEJUDGE_REDIS_PORT", "6380")
                    .containsEntry("KUBEJUDGE_REDIS_PASSWORD", "secret:kubejudge-redis-credentials/password");
        }
    }

    @Test
    void externalRedisWithoutPasswordOrPortUsesTheDefaults() {
        Rendering r = ValueSets.chart().render(new RenderRequest()
                .set("redis.enabled", "false").set("redis.external.url", "redis://cache"));

        assertThat(env(container(r, "kubejudge-api"))).containsEntry("KUBEJUDGE_REDIS_HOST", "cache")
                .containsEntry("KUBEJUDGE_REDIS_PORT", "6379").doesNotContainKey("KUBEJUDGE_REDIS_PASSWORD");
    }

    @Test
    void minimalHasOneOperatorReplacedNotOverlappedAndNoOptionalParts() {
        Rendering r = ValueSets.render("minimal-values.yaml");
        Deployment operator = r.one(Deployment.class, "kubejudge-operator");

        assertThat(operator.getSpec().getReplicas()).isEqualTo(1);
        assertThat(operator.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(env(container(r, "kubejudge-operator"))).containsEntry("KUBEJUDGE_LEADER_ELECTION_ENABLED", "false");
        assertThat(r.all(Role.class)).extracting(role -> role.getMetadata().getName()).containsExactly("kubejudge-api");
        assertThat(r.all(JudgeNodePool.class)).isEmpty();
        assertThat(r.all(PodDisruptionBudget.class)).isEmpty();
        assertThat(r.all(NetworkPolicy.class)).isEmpty();
        assertThat(r.all(Job.class)).isEmpty();
    }

    @Test
    void ingressExposesTheApiAndTheRestFollowsTheValues() {
        Rendering r = ValueSets.render("ingress-values.yaml");

        Ingress ingress = r.one(Ingress.class, "kubejudge-api");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("judge.example.com");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(p -> {
                assertThat(p.getBackend().getService().getName()).isEqualTo("kubejudge-api");
                assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http");
            });
        });
        assertThat(ingress.getSpec().getTls()).singleElement()
                .satisfies(t -> assertThat(t.getSecretName()).isEqualTo("judge-example-com-tls"));

        PodSpec api = r.one(Deployment.class, "kubejudge-api").getSpec().getTemplate().getSpec();
        Container c = api.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("registry.example.com/mirror/kubejudge/api:0.1.0");
        assertThat(api.getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("registry-credentials");
        assertThat(env(c)).containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/etc/kubejudge/jwt/publicKey.pem")
                .containsEntry("MP_JWT_VERIFY_ISSUER", "https://auth.example.com")
                .containsEntry("KUBEJUDGE_API_RATE_LIMIT_SUBMISSIONS", "60");
        assertThat(c.getVolumeMounts()).filteredOn(m -> m.getName().equals("jwt")).singleElement().satisfies(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/kubejudge/jwt");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(api.getVolumes()).filteredOn(v -> v.getName().equals("jwt")).singleElement().satisfies(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo("kubejudge-api-jwt");
            assertThat(v.getSecret().getItems()).singleElement().satisfies(i -> assertThat(i.getPath()).isEqualTo("publicKey.pem"));
        });
        assertThat(r.one(io.fabric8.kubernetes.api.model.Secret.class, "kubejudge-api-jwt").getStringData())
                .hasEntrySatisfying("publicKey.pem", pem -> assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertThat(api.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(env(container(r, "kubejudge-operator"))).containsEntry("JAVA_OPTS", "-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError");

        JudgeNodePool pool = r.one(JudgeNodePool.class, "default");
        assertThat(pool.getSpec().getImage()).isEqualTo("registry.example.com/mirror/kubejudge/judge-runner:0.1.0");
        assertThat(pool.getSpec().getAutoscaling()).isNull();
        assertThat(pool.getSpec().getReplicas()).isEqualTo(8);
        assertThat(pool.getSpec().getSeccompProfile().getType()).isEqualTo("Localhost");
        assertThat(pool.getSpec().getSeccompProfile().getLocalhostProfile()).isEqualTo("kubejudge/judge-runner.json");
        assertThat(pool.getSpec().getRuntimeClassName()).isEqualTo("gvisor");
    }

    @Test
    void aJwtKeyFromAConfigMapIsMountedFromIt() {
        Rendering r = ValueSets.chart().render(new RenderRequest().set("api.jwt.publicKey.existingConfigMap", "jwt-keys")
                .set("api.jwt.publicKey.key", "pub.pem"));
        PodSpec api = r.one(Deployment.class, "kubejudge-api").getSpec().getTemplate().getSpec();

        assertThat(api.getVolumes()).filteredOn(v -> v.getName().equals("jwt")).singleElement().satisfies(v -> {
            assertThat(v.getConfigMap().getName()).isEqualTo("jwt-keys");
            assertThat(v.getConfigMap().getItems()).singleElement().satisfies(i -> {
                assertThat(i.getKey()).isEqualTo("pub.pem");
                assertThat(i.getPath()).isEqualTo("publicKey.pem");
            });
        });
        assertThat(r.all(io.fabric8.kubernetes.api.model.Secret.class)).extracting(s -> s.getMetadata().getName())
                .doesNotContain("kubejudge-api-jwt");
    }

    @Test
    void anotherReleaseNameAndNamespacePrefixEverything() {
        Rendering r = ValueSets.chart().render(RenderRequest.release("judge").namespace("judging"));

        assertThat(r.one(Deployment.class, "judge-kubejudge-operator").getMetadata().getNamespace()).isEqualTo("judging");
        assertThat(env(container(r, "judge-kubejudge-api")))
                .containsEntry("KUBEJUDGE_REDIS_HOST", "judge-kubejudge-redis.judging.svc");
        assertThat(rules(r.one(Role.class, "judge-kubejudge-operator-leader-election").getRules()))
                .containsExactly("coordination.k8s.io leases: get,create,update,patch");
    }
}
