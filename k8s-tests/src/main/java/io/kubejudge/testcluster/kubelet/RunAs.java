package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The identity a container's process gets, as the kubelet and the runtime decide it: the container's
 * {@code runAsUser}/{@code runAsGroup}, else the pod's, else the image's {@code USER}; the pod's
 * {@code fsGroup} and {@code supplementalGroups} as supplementary groups;
 * {@code allowPrivilegeEscalation: false} as no_new_privs.
 */
record RunAs(long uid, long gid, List<Long> groups, boolean noNewPrivileges) {

    static RunAs of(Pod pod, Container container, Optional<long[]> imageUser) {
        PodSecurityContext podContext = pod.getSpec().getSecurityContext();
        SecurityContext context = container.getSecurityContext();
        Long uid = context != null && context.getRunAsUser() != null ? context.getRunAsUser()
                : podContext != null && podContext.getRunAsUser() != null ? podContext.getRunAsUser()
                : imageUser.map(u -> u[0]).orElse(0L);
        Long gid = context != null && context.getRunAsGroup() != null ? context.getRunAsGroup()
                : podContext != null && podContext.getRunAsGroup() != null ? podContext.getRunAsGroup()
                : imageUser.map(u -> u[1]).orElse(uid);
        List<Long> groups = new ArrayList<>();
        if (podContext != null) {
            if (podContext.getFsGroup() != null) {
                groups.add(podContext.getFsGroup());
            }
            groups.addAll(podContext.getSupplementalGroups());
        }
        boolean noNewPrivileges = context != null && Boolean.FALSE.equals(context.getAllowPrivilegeEscalation());
        return new RunAs(uid, gid, List.copyOf(groups), noNewPrivileges);
    }

    boolean isRoot() {
        return uid == 0 && gid == 0 && groups.isEmpty() && !noNewPrivileges;
    }

    /** {@code setpriv} switching to this identity before the container's program. */
    List<String> setpriv() {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + gid));
        if (groups.isEmpty()) {
            command.add("--clear-groups");
        } else {
            command.add("--groups=" + String.join(",", groups.stream().map(String::valueOf).toList()));
        }
        if (noNewPrivileges) {
            command.add("--no-new-privs");
        }
        command.add("--");
        return command;
    }
}
