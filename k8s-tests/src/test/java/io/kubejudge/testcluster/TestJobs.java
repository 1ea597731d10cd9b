package io.kubejudge.testcluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Jobs of shell containers for the test cluster's own tests, and what to read back from them. */
final class TestJobs {

    private TestJobs() {
    }

    static Container sh(String name, String script, VolumeMount... mounts) {
        return new ContainerBuilder().withName(name).withImage("busybox:1.36")
                .withCommand("/bin/sh", "-c", script)
                .withVolumeMounts(mounts)
                .build();
    }

    static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
    }

    static JobBuilder job(String name, List<Container> init, List<Container> containers, List<Volume> volumes) {
        return new JobBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withBackoffLimit(0)
                .withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .withInitContainers(init).withContainers(containers).withVolumes(volumes)
                .endSpec().endTemplate().endSpec();
    }

    static Job create(KubernetesClient client, String namespace, Job job) {
        return client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
    }

    static Optional<JobCondition> condition(KubernetesClient client, String namespace, String job, String type) {
        Job j = client.batch().v1().jobs().inNamespace(namespace).withName(job).get();
        if (j == null || j.getStatus() == null) {
            return Optional.empty();
        }
        return j.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    /** Waits for a Job condition; on time-out the failure shows the Job and its pods. */
    static void awaitCondition(KubernetesClient client, String namespace, String job, String type, java.time.Duration atMost) {
        try {
            org.awaitility.Awaitility.await().atMost(atMost).until(() -> condition(client, namespace, job, type).isPresent());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Job " + job + " has no condition " + type + " after " + atMost + ":\n"
                    + describe(client, namespace, job), e);
        }
    }

    static String describe(KubernetesClient client, String namespace, String job) {
        StringBuilder b = new StringBuilder();
        b.append(client.getKubernetesSerialization().asYaml(client.batch().v1().jobs().inNamespace(namespace).withName(job).get()));
        for (Pod pod : pods(client, namespace, job)) {
            b.append(client.getKubernetesSerialization().asYaml(pod.getStatus()));
        }
        return b.toString();
    }

    static List<Pod> pods(KubernetesClient client, String namespace, String job) {
        return client.pods().inNamespace(namespace).withLabel("batch.kubernetes.io/job-name", job).list().getItems();
    }

    static Pod onlyPod(KubernetesClient client, String namespace, String job) {
        List<Pod> pods = pods(client, namespace, job);
        if (pods.size() != 1) {
            throw new AssertionError("expected one pod of job " + job + ", found " + pods.size());
        }
        return pods.get(0);
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    /** Whether a {@code sleep <seconds>} process is running on this host (odd durations make markers). */
    static boolean sleepRunning(String seconds) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    return cmdline.trim().equals("sleep " + seconds);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
