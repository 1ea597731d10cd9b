package io.kubejudge.operator;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.testsupport.Crds;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Test support for the operator as Quarkus deploys it (@QuarkusTest), against Quarkus' Kubernetes
 * test server (@WithKubernetesTestServer in CRUD mode): its set-ups, the resources of one judged
 * submission, and HTTP calls to the operator's endpoints.
 */
public final class QuarkusMockCluster {
    /** The SelfSubjectRulesReview an API server answers to a caller allowed everything. */
    static final String ALL_RULES_ALLOWED = "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectRulesReview\","
            + "\"metadata\":{},\"spec\":{},\"status\":{\"incomplete\":false,\"nonResourceRules\":[],"
            + "\"resourceRules\":[{\"verbs\":[\"*\"],\"apiGroups\":[\"*\"],\"resources\":[\"*\"]}]}}";

    private QuarkusMockCluster() {
    }

    /** The operator starts with the application: the CRDs must be in the API server before. */
    public static class WithCrds implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            Crds.install(server.getClient());
        }
    }

    /**
     * The CRDs, and the SelfSubjectRulesReview java-operator-sdk asks before it uses a Lease: the
     * mock has no RBAC, so it answers as an API server does for a caller allowed everything.
     */
    public static class WithCrdsAndRulesReview extends WithCrds {
        @Override
        public void accept(KubernetesServer server) {
            super.accept(server);
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, ALL_RULES_ALLOWED).always();
        }
    }

    /**
     * Problem "aplusb" (one test), pool "default" (one replica) and submission "q1" of it, created as
     * a user creates them: without a uid (the API server assigns it).
     */
    public static void createProblemPoolAndSubmission(KubernetesClient client) {
        var problem = Fixtures.problem("aplusb", 1);
        problem.getMetadata().setUid(null);
        client.resource(problem).create();
        var pool = Fixtures.pool("default", 1);
        pool.getMetadata().setUid(null);
        client.resource(pool).create();
        var submission = Fixtures.submission("q1");
        submission.getMetadata().setUid(null);
        client.resource(submission).create();
    }

    /** Waits until the operator has admitted submission q1: its first judge Job exists. */
    public static void awaitJudgeJobOfQ1(KubernetesClient client) {
        await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("q1-1").get() != null);
    }

    /** GET, waiting up to 20 s for the answer (the machine is shared). */
    public static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
