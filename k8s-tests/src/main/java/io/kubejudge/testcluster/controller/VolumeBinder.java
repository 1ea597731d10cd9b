package io.kubejudge.testcluster.controller;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The stand-in for a dynamic provisioner and the PersistentVolume binder: a claim is bound at once
 * to a volume of the requested size ({@code spec.volumeName: pvc-<uid>}, phase {@code Bound}); the
 * kubelet keeps the volume's data in a host directory per claim. No PersistentVolume object is made.
 */
public final class VolumeBinder {

    private VolumeBinder() {
    }

    public static void bind(KubernetesClient client, PersistentVolumeClaim claim) {
        if (claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase())) {
            return;
        }
        String namespace = claim.getMetadata().getNamespace();
        String volume = "pvc-" + claim.getMetadata().getUid();
        if (!volume.equals(claim.getSpec().getVolumeName())) {
            claim = client.persistentVolumeClaims().inNamespace(namespace).withName(claim.getMetadata().getName())
                    .edit(c -> {
                        c.getSpec().setVolumeName(volume);
                        return c;
                    });
        }
        Map<String, Quantity> requests = claim.getSpec().getResources() == null
                ? Map.of() : claim.getSpec().getResources().getRequests();
        PersistentVolumeClaimStatus status = new PersistentVolumeClaimStatus();
        status.setPhase("Bound");
        status.setAccessModes(claim.getSpec().getAccessModes());
        status.setCapacity(requests.containsKey("storage") ? Map.of("storage", requests.get("storage")) : Map.of());
        WorkloadSupport.writeStatus(client, PersistentVolumeClaim.class, claim, c -> c.setStatus(status));
    }
}
