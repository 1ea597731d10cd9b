package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** The scheduler's binding of a pod to the one node. */
final class PodBinding {

    private PodBinding() {
    }

    /**
     * Kubernetes binds through a subresource that no metadata change conflicts with; here it is a
     * read and a write, retried when the pod changed in between (a finalizer removed, a deletion
     * mark). A pod marked for deletion is not bound.
     *
     * @return false when the pod is gone or going
     */
    static boolean bind(KubernetesClient client, String namespace, String name, String nodeName) {
        for (int attempt = 0; ; attempt++) {
            Pod current = client.pods().inNamespace(namespace).withName(name).get();
            if (current == null || current.getMetadata().getDeletionTimestamp() != null) {
                return false;
            }
            current.getSpec().setNodeName(nodeName);
            try {
                client.pods().inNamespace(namespace).resource(current).update();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return false;
                }
                if (e.getCode() != 409 || attempt > 10) {
                    throw e;
                }
            }
        }
    }
}
