package io.kubejudge.operator;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.kubejudge.testsupport.Crds;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test support: fabric8's mock API server in CRUD mode with the KubeJudge CRDs, and helpers that
 * play the kubelet's part for one pod (the full stand-in lives in k8s-tests).
 */
public final class MockCluster implements AutoCloseable {
    /** Held strongly: java.util.logging forgets the level of loggers nobody references. */
    private static final List<java.util.logging.Logger> QUIET = Stream.of("io.fabric8.mockwebserver",
                    "io.fabric8.kubernetes.client.informers", "io.javaoperatorsdk.operator")
            .map(java.util.logging.Logger::getLogger).toList();

    static {
        // The mock API server logs every request at INFO, which buries what matters.
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
        // The machine is shared with other builds: waits are generous, polls frequent.
        org.awaitility.Awaitility.setDefaultTimeout(java.time.Duration.ofSeconds(60));
        org.awaitility.Awaitility.setDefaultPollInterval(java.time.Duration.ofMillis(100));
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new RulesReviewAnswering(new KubernetesCrudDispatcher(List.of())), false);
        server.init();
        // The client's default of 5 concurrent requests per host would make the operator's reconcile
        // threads queue for connections; an operator's client needs more (see KubeJudgeOperator).
        KubernetesClient base = server.createClient();
        var config = new io.fabric8.kubernetes.client.ConfigBuilder(base.getConfiguration())
                .withMaxConcurrentRequests(KubeJudgeOperator.MAX_CONCURRENT_REQUESTS)
                .withMaxConcurrentRequestsPerHost(KubeJudgeOperator.MAX_CONCURRENT_REQUESTS).build();
        base.close();
        client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build();
        Crds.install(client);
    }

    public KubernetesClient client() {
        return client;
    }

    /** Creates the Job's pod (as the Job controller would: labels, finalizers), with the given container statuses. */
    public Pod runPod(Job job, String suffix, List<ContainerStatus> init, List<ContainerStatus> main, String phase,
                      List<PodCondition> conditions) {
        Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("job-name", job.getMetadata().getName());
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        Pod pod = new PodBuilder()
                .withNewMetadata()
                    .withName(job.getMetadata().getName() + "-" + suffix)
                    .withNamespace(job.getMetadata().getNamespace())
                    .withLabels(labels)
                    // The Job controller copies the template's finalizers to the pod.
                    .withFinalizers(job.getSpec().getTemplate().getMetadata().getFinalizers())
                    .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
                        .withUid(job.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase(phase).withInitContainerStatuses(init).withContainerStatuses(main)
                    .withConditions(conditions).endStatus()
                .build();
        pod.getSpec().setNodeName("node-a");
        Pod created = client.pods().resource(pod).create();
        if (created.getStatus() != null && created.getStatus().getPhase() != null) {
            // This API server kept the status given at creation (and the operator may already have
            // acted on it, even deleted the pod): no separate status write.
            return created;
        }
        created.setStatus(pod.getStatus());
        return client.pods().resource(created).updateStatus();
    }

    public static ContainerStatus terminated(String name, int exitCode, String message) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0).withImage("judge")
                .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode)
                        .withReason(exitCode == 0 ? "Completed" : "Error").withMessage(message)
                        .withFinishedAt(Instant.now().toString()).endTerminated().build())
                .build();
    }

    public static ContainerStatus waiting(String name, String reason, String message) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0).withImage("judge:missing")
                .withState(new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build())
                .build();
    }

    public static ContainerStatus running(String name) {
        return new ContainerStatusBuilder().withName(name).withReady(true).withRestartCount(0).withImage("judge")
                .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(Instant.now().toString()).endRunning().build())
                .build();
    }

    /**
     * The requests the API server received since the last call, as "METHOD path" (query included),
     * oldest first.
     */
    public List<String> takeRequests() throws InterruptedException {
        List<String> taken = new java.util.ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(0, java.util.concurrent.TimeUnit.MILLISECONDS)) != null; ) {
            taken.add(r.getMethod() + " " + r.getPath());
        }
        return taken;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    /**
     * The CRUD mock, plus what an API server answers to a SelfSubjectRulesReview (java-operator-sdk
     * asks one before it uses a leader election Lease): the mock has no RBAC, so every caller may do
     * everything, which an API server says with one rule of wildcards (as for a cluster admin).
     */
    private static final class RulesReviewAnswering extends Dispatcher {
        private final Dispatcher crud;

        RulesReviewAnswering(Dispatcher crud) {
            this.crud = crud;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if ("POST".equals(request.getMethod())
                    && request.getPath().startsWith("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
                return new MockResponse().setResponseCode(201).addHeader("Content-Type", "application/json").setBody(QuarkusMockCluster.ALL_RULES_ALLOWED);
            }
            return crud.dispatch(request);
        }

        @Override
        public void shutdown() {
            crud.shutdown();
        }
    }
}
