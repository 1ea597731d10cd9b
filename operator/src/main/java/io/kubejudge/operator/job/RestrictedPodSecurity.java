package io.kubejudge.operator.job;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Pod Security Standards {@code restricted} profile (which includes {@code baseline}), checked
 * control by control on a pod spec, as written in the Kubernetes documentation "Pod Security
 * Standards". Returns the violations; an empty list means the pod would be admitted by a namespace
 * labelled {@code pod-security.kubernetes.io/enforce: restricted}.
 */
public final class RestrictedPodSecurity {
    /** Baseline "Capabilities": the only ones that may be added (restricted narrows this to NET_BIND_SERVICE). */
    static final Set<String> RESTRICTED_ADDABLE_CAPABILITIES = Set.of("NET_BIND_SERVICE");
    /** Restricted "Volume Types". */
    static final Set<String> ALLOWED_VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");
    /** Baseline "Sysctls": the safe set. */
    static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");

    private RestrictedPodSecurity() {
    }

    public static List<String> violations(PodSpec pod) {
        List<String> v = new ArrayList<>();
        PodSecurityContext podContext = pod.getSecurityContext();
        List<Container> containers = Stream.of(pod.getInitContainers(), pod.getContainers())
                .filter(Objects::nonNull).flatMap(List::stream).toList();
        // Ephemeral containers are added by kubectl debug, never by a Job template: none to check here.

        // baseline: Host Namespaces
        if (isTrue(pod.getHostNetwork())) v.add("hostNetwork must be unset or false");
        if (isTrue(pod.getHostPID())) v.add("hostPID must be unset or false");
        if (isTrue(pod.getHostIPC())) v.add("hostIPC must be unset or false");
        // baseline: HostProcess
        if (podContext != null && podContext.getWindowsOptions() != null
                && isTrue(podContext.getWindowsOptions().getHostProcess())) {
            v.add("securityContext.windowsOptions.hostProcess must be unset or false");
        }
        // baseline: Sysctls
        if (podContext != null && podContext.getSysctls() != null) {
            for (Sysctl s : podContext.getSysctls()) {
                if (!SAFE_SYSCTLS.contains(s.getName())) v.add("sysctl " + s.getName() + " is not in the safe set");
            }
        }
        // baseline: SELinux (pod level), AppArmor (pod level)
        if (podContext != null) {
            checkSeLinux("securityContext", podContext.getSeLinuxOptions(), v);
            checkAppArmor("securityContext", podContext.getAppArmorProfile(), v);
        }
        // baseline: HostPath volumes; restricted: Volume Types
        for (Volume volume : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            String type = volumeType(volume);
            if (!ALLOWED_VOLUME_TYPES.contains(type)) {
                v.add("volume " + volume.getName() + " has type " + type + ", not allowed by restricted");
            }
        }
        boolean podRunAsNonRoot = podContext != null && isTrue(podContext.getRunAsNonRoot());
        boolean podSeccompSet = podContext != null && podContext.getSeccompProfile() != null;
        if (podContext != null && podContext.getRunAsUser() != null && podContext.getRunAsUser() == 0) {
            v.add("securityContext.runAsUser must not be 0");
        }
        if (podSeccompSet) {
            checkSeccomp("securityContext", podContext.getSeccompProfile(), v);
        }

        for (Container c : containers) {
            String where = "container " + c.getName();
            SecurityContext sc = c.getSecurityContext();
            // baseline: Host Ports
            if (c.getPorts() != null) {
                c.getPorts().stream().filter(p -> p.getHostPort() != null && p.getHostPort() != 0)
                        .forEach(p -> v.add(where + ": hostPort must be unset or 0"));
            }
            if (sc == null) {
                v.add(where + ": securityContext missing (allowPrivilegeEscalation false and capabilities drop ALL are required)");
                if (!podRunAsNonRoot) v.add(where + ": runAsNonRoot must be true (pod or container)");
                if (!podSeccompSet) v.add(where + ": seccompProfile must be RuntimeDefault or Localhost (pod or container)");
                continue;
            }
            // baseline: Privileged Containers
            if (isTrue(sc.getPrivileged())) v.add(where + ": privileged must be unset or false");
            // baseline: /proc Mount Type
            if (sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
                v.add(where + ": procMount must be unset or Default");
            }
            // baseline: HostProcess, SELinux, AppArmor
            if (sc.getWindowsOptions() != null && isTrue(sc.getWindowsOptions().getHostProcess())) {
                v.add(where + ": windowsOptions.hostProcess must be unset or false");
            }
            checkSeLinux(where, sc.getSeLinuxOptions(), v);
            checkAppArmor(where, sc.getAppArmorProfile(), v);
            // restricted: Privilege Escalation
            if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                v.add(where + ": allowPrivilegeEscalation must be false");
            }
            // restricted: Running as Non-root
            boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podRunAsNonRoot;
            if (!nonRoot) v.add(where + ": runAsNonRoot must be true (pod or container)");
            // restricted: Running as Non-root user
            if (sc.getRunAsUser() != null && sc.getRunAsUser() == 0) v.add(where + ": runAsUser must not be 0");
            // restricted: Seccomp
            if (sc.getSeccompProfile() != null) {
                checkSeccomp(where, sc.getSeccompProfile(), v);
            } else if (!podSeccompSet) {
                v.add(where + ": seccompProfile must be RuntimeDefault or Localhost (pod or container)");
            }
            // restricted: Capabilities
            Capabilities caps = sc.getCapabilities();
            if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
                v.add(where + ": capabilities must drop ALL");
            }
            if (caps != null && caps.getAdd() != null) {
                caps.getAdd().stream().filter(a -> !RESTRICTED_ADDABLE_CAPABILITIES.contains(a))
                        .forEach(a -> v.add(where + ": capability " + a + " may not be added"));
            }
        }
        return v;
    }

    private static void checkSeccomp(String where, SeccompProfile profile, List<String> v) {
        if (!"RuntimeDefault".equals(profile.getType()) && !"Localhost".equals(profile.getType())) {
            v.add(where + ": seccompProfile.type must be RuntimeDefault or Localhost, not " + profile.getType());
        }
    }

    private static void checkSeLinux(String where, SELinuxOptions se, List<String> v) {
        if (se == null) {
            return;
        }
        if (se.getType() != null && !se.getType().isEmpty() && !SELINUX_TYPES.contains(se.getType())) {
            v.add(where + ": seLinuxOptions.type " + se.getType() + " is not allowed");
        }
        if (se.getUser() != null && !se.getUser().isEmpty()) v.add(where + ": seLinuxOptions.user must be unset");
        if (se.getRole() != null && !se.getRole().isEmpty()) v.add(where + ": seLinuxOptions.role must be unset");
    }

    private static void checkAppArmor(String where, io.fabric8.kubernetes.api.model.AppArmorProfile profile, List<String> v) {
        if (profile != null && !"RuntimeDefault".equals(profile.getType()) && !"Localhost".equals(profile.getType())) {
            v.add(where + ": appArmorProfile.type must be RuntimeDefault or Localhost, not " + profile.getType());
        }
    }

    private static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    static String volumeType(Volume v) {
        if (v.getConfigMap() != null) return "configMap";
        if (v.getCsi() != null) return "csi";
        if (v.getDownwardAPI() != null) return "downwardAPI";
        if (v.getEmptyDir() != null) return "emptyDir";
        if (v.getEphemeral() != null) return "ephemeral";
        if (v.getPersistentVolumeClaim() != null) return "persistentVolumeClaim";
        if (v.getProjected() != null) return "projected";
        if (v.getSecret() != null) return "secret";
        if (v.getHostPath() != null) return "hostPath";
        return "other";
    }
}
