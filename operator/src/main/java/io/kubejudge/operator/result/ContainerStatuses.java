package io.kubejudge.operator.result;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.stream.Stream;

/** A judge pod's container statuses, init containers (compile, run) and the check container alike. */
final class ContainerStatuses {

    private ContainerStatuses() {
    }

    /** Every container status the pod reports so far (none before the kubelet wrote any). */
    static Stream<ContainerStatus> of(Pod pod) {
        if (pod.getStatus() == null) {
            return Stream.empty();
        }
        return Stream.concat(
                pod.getStatus().getInitContainerStatuses() == null ? Stream.empty() : pod.getStatus().getInitContainerStatuses().stream(),
                pod.getStatus().getContainerStatuses() == null ? Stream.empty() : pod.getStatus().getContainerStatuses().stream());
    }

    /** The named container's current state, when the pod reports one. */
    static Optional<ContainerState> state(Pod pod, String container) {
        return of(pod).filter(s -> container.equals(s.getName()) && s.getState() != null)
                .map(ContainerStatus::getState).findFirst();
    }
}
