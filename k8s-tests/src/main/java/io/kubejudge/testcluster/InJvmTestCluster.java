package io.kubejudge.testcluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.testcluster.apiserver.ContainerLogs;
import io.kubejudge.testcluster.apiserver.MockApiServer;
import io.kubejudge.testcluster.controller.DeploymentController;
import io.kubejudge.testcluster.controller.GarbageCollector;
import io.kubejudge.testcluster.controller.HorizontalPodAutoscalerController;
import io.kubejudge.testcluster.controller.JobController;
import io.kubejudge.testcluster.controller.ReplicaSetController;
import io.kubejudge.testcluster.controller.StatefulSetController;
import io.kubejudge.testcluster.controller.TtlAfterFinishedController;
import io.kubejudge.testcluster.fault.Faults;
import io.kubejudge.testcluster.kubelet.DockerNetwork;
import io.kubejudge.testcluster.kubelet.DockerPods;
import io.kubejudge.testcluster.kubelet.ImageCatalog;
import io.kubejudge.testcluster.kubelet.InProcessProgram;
import io.kubejudge.testcluster.kubelet.JudgeRunnerImage;
import io.kubejudge.testcluster.kubelet.JudgeRunnerJar;
import io.kubejudge.testcluster.kubelet.Kubelet;
import io.kubejudge.testcluster.kubelet.KubeletSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * A Kubernetes cluster inside the test JVM, for tests only: fabric8's mock API server in CRUD mode
 * with the KubeJudge CRDs, plus stand-ins for what a mock API server lacks — the Job controller,
 * the Deployment, ReplicaSet and StatefulSet controllers, a one-node scheduler and kubelet that run
 * pods as local processes (the judge-runner image as the real runner CLI) or, with
 * {@link Options#dockerPods()}, pods of local Docker images as Docker containers, the garbage
 * collector, the TTL-after-finished controller and the HorizontalPodAutoscaler controller — and fault injection ({@link Faults}).
 */
public final class InJvmTestCluster implements TestCluster {

    /** What can be tuned; {@link #defaults()} suits the end-to-end scenarios. */
    /**
     * @param dockerPods run pods whose images are in the local Docker engine as Docker containers on a pod
     *                   network of this cluster, the API server listening on that network's gateway
     *                   (see {@link io.kubejudge.testcluster.kubelet.DockerPods}); needs a running engine
     */
    public record Options(String namespace, int maxRunningContainers, Duration garbageCollectionInterval,
                          Duration jobBackoff, boolean keepPodDirectories, boolean dockerPods) {
        /** Pod directories are kept after the pods go when {@code -Dkubejudge.testcluster.keep-pods=true} (debugging). */
        public static Options defaults() {
            return new Options("kubejudge-e2e", Math.max(2, Runtime.getRuntime().availableProcessors() * 2),
                    Duration.ofMillis(300), Duration.ofSeconds(10), Boolean.getBoolean("kubejudge.testcluster.keep-pods"), false);
        }

        public Options withMaxRunningContainers(int n) {
            return new Options(namespace, n, garbageCollectionInterval, jobBackoff, keepPodDirectories, dockerPods);
        }

        public Options withJobBackoff(Duration backoff) {
            return new Options(namespace, maxRunningContainers, garbageCollectionInterval, backoff, keepPodDirectories, dockerPods);
        }

        public Options withKeepPodDirectories(boolean keep) {
            return new Options(namespace, maxRunningContainers, garbageCollectionInterval, jobBackoff, keep, dockerPods);
        }

        public Options withDockerPods(boolean docker) {
            return new Options(namespace, maxRunningContainers, garbageCollectionInterval, jobBackoff, keepPodDirectories, docker);
        }
    }

    private final Options options;
    private final MockApiServer apiServer;
    private final KubernetesClient client;
    private final Faults faults;
    private final Kubelet kubelet;
    private final JobController jobController;
    private final GarbageCollector garbageCollector;
    private final TtlAfterFinishedController ttlController;
    private final DeploymentController deploymentController;
    private final ReplicaSetController replicaSetController;
    private final StatefulSetController statefulSetController;
    private final HorizontalPodAutoscalerController autoscalerController;
    private final DockerNetwork podNetwork;
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final JudgeRunnerImage runnerImage;
    private final ImageCatalog images;

    private InJvmTestCluster(Options options) {
        this.options = options;
        this.podNetwork = options.dockerPods() ? DockerNetwork.create() : null;
        this.apiServer = podNetwork == null ? MockApiServer.start() : MockApiServer.start(address(podNetwork.gateway()));
        this.client = apiServer.newClient();
        apiServer.installCrds(client, RepositoryLayout.generatedCrds());
        apiServer.createNamespace(client, options.namespace());
        Path workRoot;
        try {
            workRoot = Files.createTempDirectory("kubejudge-test-node");
            // Containers run as their pod's user: the node's directories must let them through.
            Files.setPosixFilePermissions(workRoot, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoggerFactory.getLogger(InJvmTestCluster.class).info("test cluster: API server {}, pods under {}", apiServer.url(), workRoot);
        Kubelet[] node = new Kubelet[1];
        this.faults = new Faults((namespace, pod, disruption) -> node[0].disrupt(namespace, pod, disruption));
        this.runnerImage = new JudgeRunnerImage(new JudgeRunnerJar(RepositoryLayout.root()), RepositoryLayout.root());
        KubeletSettings settings = KubeletSettings.defaults(workRoot)
                .withMaxRunningContainers(options.maxRunningContainers())
                .withKeepPodDirectories(options.keepPodDirectories());
        this.images = ImageCatalog.withJudgeRunner(runnerImage);
        this.kubelet = new Kubelet(apiServer.newClient(), settings, faults, images, apiServer.containerLogs());
        node[0] = kubelet;
        if (podNetwork != null) {
            kubelet.runDockerPods(new DockerPods(podNetwork, apiServer.url()));
        }
        this.jobController = new JobController(apiServer.newClient(), options.jobBackoff(), faults);
        this.garbageCollector = new GarbageCollector(apiServer.newClient(), options.garbageCollectionInterval());
        this.ttlController = new TtlAfterFinishedController(apiServer.newClient());
        this.deploymentController = new DeploymentController(apiServer.newClient());
        this.replicaSetController = new ReplicaSetController(apiServer.newClient());
        this.statefulSetController = new StatefulSetController(apiServer.newClient());
        this.autoscalerController = new HorizontalPodAutoscalerController(apiServer.newClient(),
                HorizontalPodAutoscalerController.Settings.kubernetesDefaults());
    }

    private static java.net.InetAddress address(String ip) {
        try {
            return java.net.InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    public static InJvmTestCluster start() {
        return start(Options.defaults());
    }

    public static InJvmTestCluster start(Options options) {
        InJvmTestCluster cluster = new InJvmTestCluster(options);
        cluster.kubelet.start();
        cluster.jobController.start();
        cluster.garbageCollector.start();
        cluster.ttlController.start();
        cluster.deploymentController.start();
        cluster.replicaSetController.start();
        cluster.statefulSetController.start();
        cluster.autoscalerController.start();
        return cluster;
    }

    @Override
    public String description() {
        return "in-JVM test cluster at " + apiServer.url();
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public synchronized KubernetesClient newClient() {
        KubernetesClient c = apiServer.newClient();
        clients.add(c);
        return c;
    }

    @Override
    public String namespace() {
        return options.namespace();
    }

    @Override
    public Optional<Faults> faults() {
        return Optional.of(faults);
    }

    public Kubelet kubelet() {
        return kubelet;
    }

    /** The HPA controller: its settings, and where {@code external.metrics.k8s.io} is served per namespace. */
    public HorizontalPodAutoscalerController autoscalerController() {
        return autoscalerController;
    }

    public GarbageCollector garbageCollector() {
        return garbageCollector;
    }

    /** The pod network of {@link Options#dockerPods()} (its gateway is where pods reach the API server). */
    public Optional<DockerNetwork> podNetwork() {
        return Optional.ofNullable(podNetwork);
    }

    /** Where the API server listens (loopback, or with Docker pods the pod network's gateway). */
    public String apiServerUrl() {
        return apiServer.url();
    }

    public ContainerLogs containerLogs() {
        return apiServer.containerLogs();
    }

    /**
     * Runs the judge-runner image's {@code kubejudge-runner} in this JVM for the selected pods (see
     * {@link InProcessProgram} for what that gives up), until the handle is closed. For scenarios where a JVM
     * start per pod step would dominate, such as a thousand submissions in flight.
     */
    public AutoCloseable runJudgeRunnerInProcess(java.util.function.Predicate<io.fabric8.kubernetes.api.model.Pod> pods,
                                                 InProcessProgram runner) {
        return images.runInProcess("judge-runner", pods, runner);
    }

    /** What the judge-runner image holds here (prepared on first use). */
    public JudgeRunnerImage runnerImage() {
        return runnerImage;
    }

    /** Requests the API server served so far, by caller ({@code byUser}) and as counts by method and resource. */
    /**
     * Installs an RBAC authorizer: from now on a service account's request that these rules do not
     * allow is refused with 403, as on a real cluster (see the test API server's Authorizer).
     */
    public void enforceRbac(io.kubejudge.testcluster.rbac.RbacRules rules) {
        apiServer.enforceRbac(rules);
    }

    /** A new client of this cluster that authenticates with the token; the cluster closes it. */
    public synchronized KubernetesClient newClient(String token) {
        KubernetesClient c = apiServer.newClient(token);
        clients.add(c);
        return c;
    }

    public io.kubejudge.testcluster.apiserver.RequestLog apiRequests() {
        return apiServer.requestLog();
    }

    /** Writes a kubeconfig for the real kubectl: this API server over TLS, the admin token, this cluster's namespace. */
    public java.nio.file.Path writeKubeconfig(java.nio.file.Path file) {
        return io.kubejudge.testcluster.kubectl.Kubeconfig.write(file, apiServer.tlsUrl(),
                io.kubejudge.testcluster.apiserver.RequestLog.ADMIN_TOKEN, namespace());
    }

    @Override
    public void close() {
        LoggerFactory.getLogger(InJvmTestCluster.class).info("test cluster: API requests served: {}", apiServer.requestCounts());
        statefulSetController.close();
        autoscalerController.close();
        replicaSetController.close();
        deploymentController.close();
        ttlController.close();
        garbageCollector.close();
        jobController.close();
        kubelet.close();
        synchronized (this) {
            clients.forEach(KubernetesClient::close);
        }
        client.close();
        apiServer.close();
        if (podNetwork != null) {
            podNetwork.close();
        }
    }
}
