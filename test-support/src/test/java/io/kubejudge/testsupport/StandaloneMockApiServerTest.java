package io.kubejudge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandaloneMockApiServerTest {

    @Test
    void theChildServesOurCrdsAndEndsWhenClosed() throws Exception {
        StandaloneMockApiServer.Running server = StandaloneMockApiServer.start(List.of("-Xmx256m"));
        ProcessHandle child = ProcessHandle.of(server.pid()).orElseThrow();
        try (server; KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).build()).build()) {
            assertThat(server.pid()).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
                    .extracting(CustomResourceDefinition::getMetadata).extracting(m -> m.getName())
                    .containsExactlyInAnyOrder("judgenodepools.kubejudge.io", "judgeproblems.kubejudge.io",
                            "judgesubmissions.kubejudge.io");
        }
        assertThat(child.isAlive()).as("closed: the child ended").isFalse();
    }
}
