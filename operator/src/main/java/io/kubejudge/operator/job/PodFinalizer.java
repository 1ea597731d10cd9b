package io.kubejudge.operator.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubejudge.api.v1alpha1.KubeJudge;
import java.net.HttpURLConnection;
import java.util.Collection;
import java.util.List;

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
    /** Rounds of read-and-patch when the finalizer list changed under us (the Job controller has its own entry). */
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
     * Removes our entry, and only ours, from the pod's finalizers: a JSON patch removing the entry's
     * index, made conditional on the resourceVersion it was read at (a patch that sets
     * {@code metadata.resourceVersion} is a precondition for the API server). If another controller
     * changed the list meanwhile (the Job controller has its own entry), the patch fails with 409
     * instead of removing the wrong entry, and the pod is read again. A pod that is gone, or no
     * longer holds it, is done.
     */
    public void release(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        Pod current = pod;
        for (int round = 1; ; round++) {
            List<String> finalizers = current.getMetadata().getFinalizers();
            int index = finalizers == null ? -1 : finalizers.indexOf(NAME);
            if (index < 0) {
                return;
            }
            String patch = "[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
                    + current.getMetadata().getResourceVersion() + "\"},"
                    + "{\"op\":\"remove\",\"path\":\"/metadata/finalizers/" + index + "\"}]";
            try {
                client.pods().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON), patch);
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
            if (current == null || !java.util.Objects.equals(pod.getMetadata().getUid(), current.getMetadata().getUid())) {
                return;
            }
        }
    }
}
