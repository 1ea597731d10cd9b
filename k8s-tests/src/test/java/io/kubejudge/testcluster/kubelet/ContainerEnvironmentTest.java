package io.kubejudge.testcluster.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEnvironmentTest {

    @Test
    void referencesToKnownVariablesAreExpandedAndOthersKept() {
        Map<String, String> env = Map.of("WORK", "/work", "N", "3");
        assertThat(ContainerEnvironment.expand("$(WORK)/out-$(N)", env)).isEqualTo("/work/out-3");
        assertThat(ContainerEnvironment.expand("$(UNKNOWN) and $$(WORK) and $$", env)).isEqualTo("$(UNKNOWN) and $(WORK) and $");
    }
}
