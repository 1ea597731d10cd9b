package io.kubejudge.testcluster.controller;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pods a controller created or deleted and has not yet seen so in its informer's cache, per owner
 * uid — client-go's "expectations": without them a lagging cache makes a controller create a second
 * pod, or delete one more than it meant to.
 */
final class CreationExpectations {

    private final Map<String, Set<String>> pending = new ConcurrentHashMap<>();

    void expect(String ownerUid, String pod) {
        pending.computeIfAbsent(ownerUid, k -> ConcurrentHashMap.newKeySet()).add(pod);
    }

    void observed(String ownerUid, String pod) {
        pending.computeIfPresent(ownerUid, (k, pods) -> {
            pods.remove(pod);
            return pods.isEmpty() ? null : pods;
        });
    }

    boolean pending(String ownerUid) {
        return pending.containsKey(ownerUid);
    }

    boolean contains(String ownerUid, String pod) {
        Set<String> pods = pending.get(ownerUid);
        return pods != null && pods.contains(pod);
    }

    int count(String ownerUid) {
        Set<String> pods = pending.get(ownerUid);
        return pods == null ? 0 : pods.size();
    }

    void forget(String ownerUid) {
        pending.remove(ownerUid);
    }
}
