package io.kubejudge.operator.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubejudge.model.v1alpha1.KubeJudge;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;

/**
 * The finalizer that keeps a judge pod, and with it the termination messages the verdict is read
 * from, until the operator has written the verdict into the submission's status. Without it a Job
 * whose {@code ttlSecondsAfterFinished} ran out while no operator was running would take its pods
 * along, and the submission would be judged again. The pod template carries it (the Job controller
 * copies template finalizers to its pods); the operator removes it once the pod is no longer needed.
 *
 * <p>Only a running operator removes it: pods still holding it when the operator is uninstalled
 * stay {@code Terminating} once deleted, so uninstalling removes it from the judge pods (README,
 * "Uninstalling").
 */
public final class PodFinalizer {
    public static final String NAME = KubeJudge.GROUP + "/result";
    /** Rounds of read-and-write when the pod changed under us. */
    private static final int ROUNDS = 5;

    private final KubernetesClient client;

    public PodFinalizer(KubernetesClient client) {
        this.client = client;
    }

    public static boolean holds(Pod pod) {
        return pod.getMetadata() != null && pod.getMetadata().getFinalizers() != null
                && pod.getMetadata().getFinalizers().contains(NAME);
    }

    public void releaseAll(Collection<Pod> pods) {
        pods.stream().filter(PodFinalizer::holds).forEach(this::release);
    }

    /**
     * Removes our entry, and only ours, from the pod's finalizers: the pod as read, less that
     * entry, written back with the resourceVersion it was read at. If anything changed it meanwhile
     * (the Job controller has its own entry; the kubelet writes the status), the write fails with
     * 409 instead of undoing that change, and the pod is read again. Not a JSON patch naming the
     * entry's index: one that no longer fits the list is refused by Kubernetes (422) but leaves the
     * fabric8 mock API server without an answer. A pod that is gone, or no longer holds it, is done.
     */
    public void release(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        Pod current = pod;
        for (int round = 1; ; round++) {
            if (!holds(current)) {
                return;
            }
            Pod without = client.getKubernetesSerialization().clone(current);
            without.getMetadata().setFinalizers(new ArrayList<>(current.getMetadata().getFinalizers()));
            without.getMetadata().getFinalizers().remove(NAME);
            try {
                client.pods().inNamespace(namespace).resource(without).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return;
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || round >= ROUNDS) {
                    throw e;
                }
            }
            current = client.pods().inNamespace(namespace).withName(name).get();
            if (current == null || !Objects.equals(pod.getMetadata().getUid(), current.getMetadata().getUid())) {
                return;
            }
        }
    }
}
