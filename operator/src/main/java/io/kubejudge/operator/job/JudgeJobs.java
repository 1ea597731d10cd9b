package io.kubejudge.operator.job;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubejudge.model.result.RunProgress;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.ApiCreate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Creates and removes a judging's Job and source ConfigMap. Creation is idempotent (an existing
 * object of the same name is this attempt's, from before a restart), which together with the
 * deterministic names guarantees one Job per attempt.
 */
public final class JudgeJobs {
    /** Set by the Job controller on its pods. */
    public static final String JOB_NAME_LABEL = "job-name";
    /** A few lines, not one: a line being written as the tail is taken may end the log half-made. */
    private static final int PROGRESS_TAIL_LINES = 3;
    private final KubernetesClient client;
    private final JobFactory factory;
    private final ProblemDataIndex dataIndex;
    private final PodFinalizer finalizer;

    public JudgeJobs(KubernetesClient client, JobFactory factory, ProblemDataIndex dataIndex) {
        this.client = client;
        this.factory = factory;
        this.dataIndex = dataIndex;
        this.finalizer = new PodFinalizer(client);
    }

    /** Creates the source ConfigMap, then the Job; returns the Job's name. */
    public String start(JudgeSubmission submission, JudgeProblem problem, JudgeNodePool pool, int rejudge, int attempt) {
        String jobName = JobNames.job(submission.getMetadata().getName(), rejudge, attempt);
        ConfigMap source = SourceConfigMapFactory.build(submission, problem.getSpec(), jobName, attempt);
        // Already there (409) is fine: it is this attempt's, made before a restart.
        ApiCreate.create(client, "api/v1", "configmaps", source);
        Job job = factory.build(submission, problem.getSpec(), pool, dataIndex.layout(problem), rejudge, attempt);
        ApiCreate.create(client, "apis/batch/v1", "jobs", job);
        return jobName;
    }

    /** The Job as the API server has it now (the informer cache may lag behind our own create). */
    public Optional<Job> fetch(String namespace, String name) {
        return Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    /**
     * Deletes the Job and, with it, its pods; the steps still running are killed. The pods are
     * let go of (our finalizer removed): nothing will be read from them any more.
     */
    public void delete(String namespace, String jobName) {
        if (jobName == null) {
            return;
        }
        client.batch().v1().jobs().inNamespace(namespace).withName(jobName)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        // The pods follow through the garbage collector; deleting them here too makes sure
        // a cancelled judge stops at once and frees its node.
        deletePods(namespace, JOB_NAME_LABEL, jobName);
    }

    /** A Job's pods as the API server has them now (also those being deleted, kept by our finalizer). */
    public List<Pod> podsOf(String namespace, String jobName) {
        return client.pods().inNamespace(namespace).withLabel(JOB_NAME_LABEL, jobName).list().getItems();
    }

    /**
     * Lets go of the pods a submission no longer needs (see {@link PodFinalizer}): all of them when
     * {@code currentJob} is null (its verdict is recorded, or it will never have one); otherwise those
     * of other Jobs that are being deleted (an earlier attempt's stragglers).
     */
    public void releaseUnneeded(Collection<Pod> pods, String currentJob) {
        finalizer.releaseAll(pods.stream().filter(p -> currentJob == null || (p.getMetadata().getDeletionTimestamp() != null
                && !currentJob.equals(p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(JOB_NAME_LABEL))))
                .toList());
    }

    /** Deletes the pods with the label, then removes our finalizer from them (listed after the delete: none is missed). */
    private void deletePods(String namespace, String label, String value) {
        client.pods().inNamespace(namespace).withLabel(label, value).delete();
        finalizer.releaseAll(client.pods().inNamespace(namespace).withLabel(label, value).list().getItems());
    }

    /**
     * Deletes every Job of a submission, also one created just before its status could name it
     * (the garbage collector would, through the owner reference; this does not wait for it).
     */
    public void deleteAll(String namespace, String submission, String knownJobName) {
        if (submission.length() <= 63) {
            client.batch().v1().jobs().inNamespace(namespace).withLabel(io.kubejudge.operator.JudgeLabels.SUBMISSION, submission)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            deletePods(namespace, io.kubejudge.operator.JudgeLabels.SUBMISSION, submission);
        }
        delete(namespace, knownJobName);
    }

    /**
     * How far a pod's run step is, from the last lines of its log (the runner prints a progress
     * line per test); empty when the API cannot serve the log.
     */
    public Optional<RunProgress> runProgress(Pod pod) {
        try {
            String tail = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .inContainer(JobFactory.RUN).tailingLines(PROGRESS_TAIL_LINES).getLog();
            return RunProgress.lastIn(tail);
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }

    /** The check container's log (the full JudgeResult), when the API can serve it. */
    public Optional<String> checkLog(String namespace, String pod) {
        try {
            return Optional.ofNullable(client.pods().inNamespace(namespace).withName(pod).inContainer(JobFactory.CHECK).getLog());
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }
}
