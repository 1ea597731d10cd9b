package io.kubejudge.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptionsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SysctlBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.OperatorSettings;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The checker must catch each control it claims to check, or a passing pod would prove nothing. */
class RestrictedPodSecurityTest {

    private PodSpec judgePod() {
        return new JobFactory(OperatorSettings.builder().build())
                .build(Fixtures.submission("s"), Fixtures.problem("p", 1).getSpec(), Fixtures.pool("default", 1),
                        TestDataLayout.unknown(), 0, 1)
                .getSpec().getTemplate().getSpec();
    }

    private List<String> violationsAfter(Consumer<PodSpec> change) {
        PodSpec pod = judgePod();
        change.accept(pod);
        return RestrictedPodSecurity.violations(pod);
    }

    @Test
    void judgePodPasses() {
        assertThat(RestrictedPodSecurity.violations(judgePod())).isEmpty();
    }

    @Test
    void eachBaselineControlIsChecked() {
        assertThat(violationsAfter(p -> p.setHostNetwork(true))).anyMatch(v -> v.contains("hostNetwork"));
        assertThat(violationsAfter(p -> p.setHostPID(true))).anyMatch(v -> v.contains("hostPID"));
        assertThat(violationsAfter(p -> p.setHostIPC(true))).anyMatch(v -> v.contains("hostIPC"));
        assertThat(violationsAfter(p -> p.getContainers().get(0).getSecurityContext().setPrivileged(true)))
                .anyMatch(v -> v.contains("privileged"));
        assertThat(violationsAfter(p -> p.getVolumes().add(new VolumeBuilder().withName("h").withNewHostPath("/", null).build())))
                .anyMatch(v -> v.contains("hostPath"));
        assertThat(violationsAfter(p -> p.getContainers().get(0).setPorts(List.of(new ContainerPortBuilder()
                .withContainerPort(80).withHostPort(80).build())))).anyMatch(v -> v.contains("hostPort"));
        assertThat(violationsAfter(p -> p.getInitContainers().get(0).getSecurityContext().setProcMount("Unmasked")))
                .anyMatch(v -> v.contains("procMount"));
        assertThat(violationsAfter(p -> p.getSecurityContext().setSysctls(List.of(new SysctlBuilder()
                .withName("kernel.msgmax").withValue("1").build())))).anyMatch(v -> v.contains("kernel.msgmax"));
        assertThat(violationsAfter(p -> p.getSecurityContext().setSeLinuxOptions(new SELinuxOptionsBuilder()
                .withType("spc_t").build()))).anyMatch(v -> v.contains("seLinuxOptions.type"));
    }

    @Test
    void eachRestrictedControlIsChecked() {
        assertThat(violationsAfter(p -> p.getInitContainers().get(1).getSecurityContext().setAllowPrivilegeEscalation(null)))
                .anyMatch(v -> v.contains("container run: allowPrivilegeEscalation"));
        assertThat(violationsAfter(p -> {
            p.getSecurityContext().setRunAsNonRoot(null);
            p.getContainers().get(0).getSecurityContext().setRunAsNonRoot(null);
        })).anyMatch(v -> v.contains("container check: runAsNonRoot"));
        assertThat(violationsAfter(p -> p.getContainers().get(0).getSecurityContext().setRunAsUser(0L)))
                .anyMatch(v -> v.contains("runAsUser must not be 0"));
        assertThat(violationsAfter(p -> p.getSecurityContext().setSeccompProfile(null)))
                .anyMatch(v -> v.contains("seccompProfile must be RuntimeDefault or Localhost"));
        assertThat(violationsAfter(p -> p.getSecurityContext().setSeccompProfile(new SeccompProfileBuilder().withType("Unconfined").build())))
                .anyMatch(v -> v.contains("Unconfined"));
        assertThat(violationsAfter(p -> p.getInitContainers().get(0).getSecurityContext().getCapabilities().setDrop(List.of("NET_RAW"))))
                .anyMatch(v -> v.contains("container compile: capabilities must drop ALL"));
        assertThat(violationsAfter(p -> p.getInitContainers().get(0).getSecurityContext().getCapabilities().setAdd(List.of("SYS_ADMIN"))))
                .anyMatch(v -> v.contains("SYS_ADMIN"));
        assertThat(violationsAfter(p -> p.getVolumes().add(new VolumeBuilder().withName("n").withNewNfs("/x", false, "srv").build())))
                .anyMatch(v -> v.contains("volume n has type other"));
    }
}
