package io.kubejudge.testcluster.controller;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubejudge.testcluster.fault.Faults;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in for Kubernetes' Job controller, for non-indexed Jobs: one pod at a time from the
 * template; {@code Complete} when {@code completions} pods succeeded; {@code Failed} when more pods
 * failed than {@code backoffLimit}, when a {@code podFailurePolicy} rule says {@code FailJob}, or
 * when {@code activeDeadlineSeconds} passed (active pods are deleted); a failure the policy
 * {@code Ignore}s (e.g. a {@code DisruptionTarget}) is not counted and the pod is replaced. The
 * conditions are written as Kubernetes 1.31+ does: {@code SuccessCriteriaMet} before {@code Complete},
 * {@code FailureTarget} before {@code Failed}.
 */
public final class JobController implements AutoCloseable {

    public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
    public static final String CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";

    private static final Logger LOG = LoggerFactory.getLogger(JobController.class);
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private final KubernetesClient client;
    private final Duration backoffBase;
    private final Faults faults;
    private final SecureRandom random = new SecureRandom();
    private static final String BY_JOB_UID = "job-uid";

    private final WorkQueue queue;
    private final CreationExpectations expectations = new CreationExpectations();
    /** The last status written per Job uid (dropped with the Job). */
    private final Map<String, JobStatus> written = new java.util.concurrent.ConcurrentHashMap<>();
    private SharedIndexInformer<Job> jobs;
    private SharedIndexInformer<Pod> pods;

    /**
     * @param backoffBase delay before replacing a counted failure (Kubernetes: 10 s, doubling)
     * @param faults      consulted for Jobs whose deadline a test fast-forwards
     */
    public JobController(KubernetesClient client, Duration backoffBase, Faults faults) {
        this.client = client;
        this.backoffBase = backoffBase;
        this.faults = faults;
        this.queue = new WorkQueue("test-cluster-job-controller", 2, this::reconcileKey);
    }

    public JobController start() {
        jobs = client.batch().v1().jobs().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job j) {
                queue.add(key(j.getMetadata().getNamespace(), j.getMetadata().getName()));
            }

            @Override
            public void onUpdate(Job old, Job j) {
                onAdd(j);
            }

            @Override
            public void onDelete(Job j, boolean deletedFinalStateUnknown) {
                written.remove(j.getMetadata().getUid());
            }
        }, 0);
        pods = client.pods().inAnyNamespace().runnableInformer(0);
        pods.addIndexers(Map.of(BY_JOB_UID, p -> ownerJob(p).map(o -> List.of(o.getUid())).orElse(List.of())));
        pods.addEventHandler(WorkloadSupport.onAnyChange((Pod p) -> ownerJob(p).ifPresent(o -> {
            expectations.observed(o.getUid(), p.getMetadata().getName());
            queue.add(key(p.getMetadata().getNamespace(), o.getName()));
        })));
        pods.run();
        faults.onJobDeadlinesExpired(prefix -> jobs.getStore().list().stream()
                .filter(j -> j.getMetadata().getName().startsWith(prefix))
                .forEach(j -> queue.add(key(j.getMetadata().getNamespace(), j.getMetadata().getName()))));
        return this;
    }

    private static java.util.Optional<OwnerReference> ownerJob(Pod pod) {
        return pod.getMetadata().getOwnerReferences().stream()
                .filter(o -> "Job".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
                .findFirst();
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private void reconcileKey(String key) {
        String[] parts = key.split("/", 2);
        reconcile(parts[0], parts[1]);
    }

    void reconcile(String namespace, String name) {
        // From the informers' caches, as the real controller works; a pod created but not yet seen is
        // an outstanding expectation, so that a lagging cache never makes a second pod.
        Job job = jobs.getStore().getByKey(key(namespace, name));
        if (job == null || job.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String uid = job.getMetadata().getUid();
        JobStatus old = job.getStatus() == null ? new JobStatus() : job.getStatus();
        List<Pod> owned = pods.getIndexer().byIndex(BY_JOB_UID, uid).stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()))
                .toList();
        List<Pod> active = owned.stream().filter(p -> !isTerminal(p) && p.getMetadata().getDeletionTimestamp() == null).toList();
        if (isTrue(old, "Complete") || isTrue(old, "Failed")) {
            if (isTrue(old, "Failed")) {
                active.forEach(this::deletePod);
            }
            return;
        }
        if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
            return;
        }

        JobStatus status = client.getKubernetesSerialization().clone(old);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (status.getStartTime() == null) {
            status.setStartTime(now.toString());
        }
        int succeeded = (int) owned.stream().filter(p -> "Succeeded".equals(phase(p))).count();
        int failed = 0;
        String lastCountedFailure = null;
        PodFailurePolicyEvaluator.Outcome failJob = null;
        for (Pod pod : owned) {
            if (!"Failed".equals(phase(pod))) {
                continue;
            }
            var outcome = PodFailurePolicyEvaluator.evaluate(job.getSpec().getPodFailurePolicy(), pod);
            switch (outcome.action()) {
                case COUNT -> {
                    failed++;
                    lastCountedFailure = pod.getMetadata().getCreationTimestamp();
                }
                case FAIL_JOB -> {
                    failed++;
                    if (failJob == null) {
                        failJob = outcome;
                    }
                }
                case IGNORE -> { }
            }
        }
        int completions = job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
        int backoffLimit = job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
        Long deadlineSeconds = job.getSpec().getActiveDeadlineSeconds();
        Instant deadline = deadlineSeconds == null ? null : Instant.parse(status.getStartTime()).plusSeconds(deadlineSeconds);
        if (deadline != null && faults.jobDeadlineExpired(name)) {
            deadline = Instant.now().minusSeconds(1);
        }

        String failReason = null;
        String failMessage = null;
        if (failJob != null) {
            failReason = "PodFailurePolicy";
            failMessage = failJob.message();
        } else if (failed > backoffLimit) {
            failReason = "BackoffLimitExceeded";
            failMessage = "Job has reached the specified backoff limit";
        } else if (deadline != null && !Instant.now().isBefore(deadline) && succeeded < completions) {
            failReason = "DeadlineExceeded";
            failMessage = "Job was active longer than specified deadline";
            failed += active.size();
        }

        int activeCount = active.size();
        if (failReason != null) {
            active.forEach(this::deletePod);
            activeCount = 0;
            setCondition(status, "FailureTarget", failReason, failMessage, now);
            setCondition(status, "Failed", failReason, failMessage, now);
        } else if (succeeded >= completions) {
            activeCount = 0;
            setCondition(status, "SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now);
            setCondition(status, "Complete", "CompletionsReached", "Reached expected number of succeeded pods", now);
            status.setCompletionTime(now.toString());
        } else if (active.isEmpty() && expectations.pending(uid)) {
            activeCount = 1;
        } else if (active.isEmpty()) {
            long wait = failed == 0 ? 0 : backoffRemaining(failed, lastCountedFailure);
            if (wait > 0) {
                queue.addAfter(key(namespace, name), wait);
            } else {
                createPod(job);
                activeCount = 1;
            }
        }
        if (failReason == null && deadline != null) {
            queue.addAfter(key(namespace, name), Duration.between(Instant.now(), deadline).toMillis() + 50);
        }
        status.setActive(activeCount == 0 ? null : activeCount);
        status.setSucceeded(succeeded == 0 ? null : succeeded);
        status.setFailed(failed == 0 ? null : failed);
        status.setReady((int) active.stream().filter(JobController::isReady).count());
        status.setTerminating(0);
        status.setUncountedTerminatedPods(new UncountedTerminatedPods());
        // The cache may not show our last write yet: compare with what was written, too.
        if (!Objects.equals(status, old) && !Objects.equals(status, written.get(uid))) {
            WorkloadSupport.writeStatus(client, Job.class, job, j -> j.setStatus(status));
            written.put(uid, status);
        }
    }

    private long backoffRemaining(int failures, String since) {
        long delay = backoffBase.toMillis() << Math.min(failures - 1, 10);
        delay = Math.min(delay, Duration.ofMinutes(6).toMillis());
        long elapsed = since == null ? delay : Duration.between(Instant.parse(since), Instant.now()).toMillis();
        return delay - elapsed;
    }

    private void createPod(Job job) {
        PodTemplateSpec template = job.getSpec().getTemplate();
        String jobName = job.getMetadata().getName();
        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            labels.putAll(template.getMetadata().getLabels());
        }
        labels.put(CONTROLLER_UID_LABEL, job.getMetadata().getUid());
        labels.put(JOB_NAME_LABEL, jobName);
        labels.put("controller-uid", job.getMetadata().getUid());
        labels.put("job-name", jobName);
        Map<String, String> annotations = template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? Map.of() : template.getMetadata().getAnnotations();
        // Copied like the labels (Kubernetes' job controller then adds its own job-tracking finalizer, not emulated).
        List<String> finalizers = template.getMetadata() == null || template.getMetadata().getFinalizers() == null
                ? List.of() : template.getMetadata().getFinalizers();
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(jobName + "-" + suffix())
                .withNamespace(job.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withFinalizers(finalizers)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                        .withName(jobName).withUid(job.getMetadata().getUid()).withController(true)
                        .withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(client.getKubernetesSerialization().clone(template.getSpec()))
                .build();
        expectations.expect(job.getMetadata().getUid(), pod.getMetadata().getName());
        try {
            client.pods().inNamespace(job.getMetadata().getNamespace()).resource(pod).create();
        } catch (KubernetesClientException e) {
            expectations.observed(job.getMetadata().getUid(), pod.getMetadata().getName());
            throw e;
        }
        LOG.debug("created pod {} for job {}", pod.getMetadata().getName(), jobName);
    }

    private String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return s.toString();
    }

    private void deletePod(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private static void setCondition(JobStatus status, String type, String reason, String message, Instant now) {
        List<JobCondition> conditions = new ArrayList<>(status.getConditions());
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastProbeTime(now.toString()).withLastTransitionTime(now.toString()).build());
        status.setConditions(conditions);
    }

    static boolean isTrue(JobStatus status, String type) {
        return status.getConditions().stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean isTerminal(Pod pod) {
        String phase = phase(pod);
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    @Override
    public void close() {
        queue.close();
        if (jobs != null) {
            jobs.close();
        }
        if (pods != null) {
            pods.close();
        }
    }
}
