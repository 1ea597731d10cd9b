package io.kubejudge.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeNodePoolSpec;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec.Priority;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.model.v1alpha1.KubeJudge;
import io.kubejudge.testcluster.RepositoryLayout;
import io.kubejudge.testsupport.RetryOnConflict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a scenario does with KubeJudge, through the Kubernetes API only (so it reads the same on a
 * real cluster): apply problems and pools, submit, wait for verdicts, look at Jobs.
 */
final class KubeJudgeApi {

    static final String RUNNER_IMAGE = "kubejudge/judge-runner:0.1.0";
    static final String SUBMISSION_LABEL = "kubejudge.io/submission";

    private final KubernetesClient client;
    private final String namespace;

    KubeJudgeApi(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    // ---- problems and pools ----

    /** Applies {@code examples/problems/<name>/kubernetes.yaml} (the JudgeProblem and its data ConfigMaps). */
    JudgeProblem applyExampleProblem(String name) {
        Path file = RepositoryLayout.root().resolve("examples/problems").resolve(name).resolve("kubernetes.yaml");
        JudgeProblem problem = null;
        for (HasMetadata object : load(file)) {
            object.getMetadata().setNamespace(namespace);
            if (object instanceof JudgeProblem p) {
                problem = client.resources(JudgeProblem.class).inNamespace(namespace).resource(p).create();
            } else if (object instanceof ConfigMap cm) {
                client.configMaps().inNamespace(namespace).resource(cm).create();
            } else {
                throw new IllegalStateException(file + ": unexpected " + object.getKind());
            }
        }
        if (problem == null) {
            throw new IllegalStateException(file + " holds no JudgeProblem");
        }
        return problem;
    }

    JudgeProblem createProblem(JudgeProblem problem) {
        return client.resources(JudgeProblem.class).inNamespace(namespace).resource(problem).create();
    }

    private List<HasMetadata> load(Path file) {
        List<HasMetadata> objects = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (HasMetadata item : client.load(in).items()) {
                HasMetadata typed = item;
                if (item instanceof GenericKubernetesResource generic && "JudgeProblem".equals(generic.getKind())) {
                    typed = client.getKubernetesSerialization().convertValue(generic, JudgeProblem.class);
                }
                objects.add(typed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    JudgeNodePool createPool(String name, int replicas) {
        JudgeNodePool pool = new JudgeNodePool();
        pool.getMetadata().setName(name);
        JudgeNodePoolSpec spec = new JudgeNodePoolSpec();
        spec.setReplicas(replicas);
        spec.setImage(RUNNER_IMAGE);
        pool.setSpec(spec);
        return client.resources(JudgeNodePool.class).inNamespace(namespace).resource(pool).create();
    }

    /** Scales a pool the way {@code kubectl scale} and the HPA do: only {@code spec.replicas} changes. */
    void setReplicas(String pool, int replicas) {
        RetryOnConflict.edit(client.resources(JudgeNodePool.class).inNamespace(namespace).withName(pool), p -> {
            p.getSpec().setReplicas(replicas);
            return p;
        });
    }

    JudgeNodePool pool(String name) {
        return client.resources(JudgeNodePool.class).inNamespace(namespace).withName(name).get();
    }

    // ---- submissions ----

    SubmissionBuilder submission(String name) {
        return new SubmissionBuilder(name);
    }

    final class SubmissionBuilder {
        private final JudgeSubmission submission = new JudgeSubmission();
        private final JudgeSubmissionSpec spec = new JudgeSubmissionSpec();

        private SubmissionBuilder(String name) {
            submission.getMetadata().setName(name);
            submission.setSpec(spec);
            spec.setPool("default");
        }

        SubmissionBuilder problem(String problem) {
            spec.setProblem(problem);
            return this;
        }

        SubmissionBuilder source(Language language, String source) {
            spec.setLanguage(language);
            spec.setSource(source);
            return this;
        }

        SubmissionBuilder example(ExampleSubmission example) {
            return problem(example.problem()).source(example.language(), example.source());
        }

        SubmissionBuilder user(String userId) {
            spec.setUserId(userId);
            submission.getMetadata().getLabels().put(KubeJudge.LABEL_USER_ID, userId);
            return this;
        }

        SubmissionBuilder priority(Priority priority) {
            spec.setPriority(priority);
            return this;
        }

        SubmissionBuilder pool(String pool) {
            spec.setPool(pool);
            return this;
        }

        JudgeSubmission create() {
            return client.resources(JudgeSubmission.class).inNamespace(namespace).resource(submission).create();
        }
    }

    JudgeSubmission get(String name) {
        return client.resources(JudgeSubmission.class).inNamespace(namespace).withName(name).get();
    }

    JudgeSubmission edit(String name, java.util.function.UnaryOperator<JudgeSubmission> change) {
        return RetryOnConflict.edit(client.resources(JudgeSubmission.class).inNamespace(namespace).withName(name), change);
    }

    void delete(String name) {
        client.resources(JudgeSubmission.class).inNamespace(namespace).withName(name).delete();
    }

    List<JudgeSubmission> submissions() {
        return client.resources(JudgeSubmission.class).inNamespace(namespace).list().getItems();
    }

    static JudgeSubmissionStatus.Phase phase(JudgeSubmission s) {
        return s == null || s.getStatus() == null ? null : s.getStatus().getPhase();
    }

    /** Waits until the submission's phase is final (Completed, Failed, Cancelled, Rejected). */
    JudgeSubmission awaitFinal(String name, Duration atMost) {
        return await(name, atMost, "a final phase", s -> phase(s) != null && phase(s).isFinal());
    }

    /** Waits for the final phase and checks the verdict; a mismatch shows the submission, its Jobs and pods. */
    JudgeSubmission awaitVerdict(String name, io.kubejudge.model.result.Verdict expected, Duration atMost) {
        JudgeSubmission done = awaitFinal(name, atMost);
        if (done.getStatus().getVerdict() != expected) {
            throw new AssertionError("submission " + name + ": expected " + expected + ", got "
                    + done.getStatus().getVerdict() + ":\n" + describe(name));
        }
        return done;
    }

    JudgeSubmission await(String name, Duration atMost, String what, Predicate<JudgeSubmission> condition) {
        JudgeSubmission[] last = new JudgeSubmission[1];
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
                last[0] = get(name);
                return last[0] != null && condition.test(last[0]);
            });
            return last[0];
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("submission " + name + " did not reach " + what + " within " + atMost + ":\n"
                    + describe(name), e);
        }
    }

    /** The submission, its Jobs and their pods' statuses, for failure messages. */
    String describe(String name) {
        StringBuilder b = new StringBuilder();
        var yaml = client.getKubernetesSerialization();
        JudgeSubmission s = get(name);
        b.append(s == null ? "(submission gone)\n" : yaml.asYaml(s.getStatus()));
        for (Job job : jobsOf(name)) {
            b.append("--- Job ").append(job.getMetadata().getName()).append('\n').append(yaml.asYaml(job.getStatus()));
            for (Pod pod : client.pods().inNamespace(namespace).withLabel("job-name", job.getMetadata().getName()).list().getItems()) {
                b.append("--- Pod ").append(pod.getMetadata().getName()).append('\n').append(yaml.asYaml(pod.getStatus()));
            }
        }
        return b.toString();
    }

    List<Job> jobsOf(String submission) {
        return client.batch().v1().jobs().inNamespace(namespace).withLabel(SUBMISSION_LABEL, submission).list().getItems();
    }

    List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
    }
}
