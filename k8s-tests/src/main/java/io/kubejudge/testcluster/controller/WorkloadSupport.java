package io.kubejudge.testcluster.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** What the workload controllers (Deployment, ReplicaSet, StatefulSet) share: pod states, owners, names. */
final class WorkloadSupport {

    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WorkloadSupport() {
    }

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    static String key(HasMetadata o) {
        return key(o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    /** Not finished and not being deleted: a pod that counts towards the replicas. */
    static boolean isActive(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return pod.getMetadata().getDeletionTimestamp() == null && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    static boolean isReady(Pod pod) {
        return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** Ready for at least {@code minReadySeconds}, as the controllers define "available". */
    static boolean isAvailable(Pod pod, Integer minReadySeconds, Instant now) {
        Optional<PodCondition> ready = readyCondition(pod).filter(c -> "True".equals(c.getStatus()));
        if (ready.isEmpty()) {
            return false;
        }
        if (minReadySeconds == null || minReadySeconds == 0 || ready.get().getLastTransitionTime() == null) {
            return true;
        }
        return !Instant.parse(ready.get().getLastTransitionTime()).plusSeconds(minReadySeconds).isAfter(now);
    }

    private static Optional<PodCondition> readyCondition(Pod pod) {
        return pod.getStatus() == null ? Optional.empty() : pod.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    static Optional<OwnerReference> controllerOf(HasMetadata o, String kind) {
        return o.getMetadata().getOwnerReferences().stream()
                .filter(r -> kind.equals(r.getKind()) && Boolean.TRUE.equals(r.getController()))
                .findFirst();
    }

    static boolean controlledBy(HasMetadata o, HasMetadata owner) {
        return o.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> Boolean.TRUE.equals(r.getController()) && owner.getMetadata().getUid().equals(r.getUid()));
    }

    static OwnerReference controllerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    /** Five characters as the API server's {@code generateName} appends (the mock does not generate names). */
    static String randomSuffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
        }
        return s.toString();
    }

    /**
     * A pod template's hash as Kubernetes names it ({@code pod-template-hash}, {@code controller-revision-hash}):
     * FNV-32a, written with the alphabet of {@code rand.SafeEncodeString}. Kubernetes hashes the Go
     * structure; this hashes its JSON, so the values differ from a real cluster's but are as stable.
     */
    static String templateHash(KubernetesClient client, PodTemplateSpec template) {
        byte[] bytes = client.getKubernetesSerialization().asJson(template).getBytes(StandardCharsets.UTF_8);
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        String decimal = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder out = new StringBuilder();
        for (char ch : decimal.toCharArray()) {
            out.append(NAME_CHARS.charAt(ch % NAME_CHARS.length()));
        }
        return out.toString();
    }

    /** An int-or-percent of {@code total}, rounded up or down as the field's documentation says. */
    static int scaled(IntOrString value, int total, int defaultValue, boolean roundUp) {
        if (value == null) {
            return defaultValue;
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal().trim();
        if (!s.endsWith("%")) {
            throw new IllegalArgumentException("not an integer or percentage: " + s);
        }
        double exact = total * Integer.parseInt(s.substring(0, s.length() - 1)) / 100.0;
        return (int) (roundUp ? Math.ceil(exact) : Math.floor(exact));
    }

    /** Writes an object's status through the status subresource, on its latest version (retried on conflicts). */
    static <T extends HasMetadata> void writeStatus(KubernetesClient client, Class<T> type, T cached, Consumer<T> setStatus) {
        String namespace = cached.getMetadata().getNamespace();
        String name = cached.getMetadata().getName();
        for (int attempt = 0; ; attempt++) {
            T current = client.resources(type).inNamespace(namespace).withName(name).get();
            if (current == null || !cached.getMetadata().getUid().equals(current.getMetadata().getUid())) {
                return;
            }
            setStatus.accept(current);
            try {
                client.resources(type).inNamespace(namespace).resource(current).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return;
                }
                if (e.getCode() != 409 || attempt > 10) {
                    throw e;
                }
            }
        }
    }

    static <T> ResourceEventHandler<T> onAnyChange(Consumer<T> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                enqueue.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                enqueue.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                enqueue.accept(obj);
            }
        };
    }
}
