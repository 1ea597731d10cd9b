package io.kubejudge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryOnConflictTest {
    KubernetesMockServer server;
    KubernetesClient client;
    Resource<ConfigMap> map;
    final AtomicInteger statusWrites = new AtomicInteger();

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("m").withNamespace("test")
                .endMetadata().addToData("spec", "1").addToData("status", "0").build()).create();
        map = client.configMaps().inNamespace("test").withName("m");
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    /** Sets spec to 2; the first {@code racing} times, a "controller" writes a new status after the read. */
    UnaryOperator<ConfigMap> racedBy(AtomicInteger racing) {
        return m -> {
            if (racing.getAndDecrement() > 0) {
                client.configMaps().inNamespace("test").resource(new ConfigMapBuilder(map.get())
                        .addToData("status", Integer.toString(statusWrites.incrementAndGet())).build()).update();
            }
            m.getData().put("spec", "2");
            return m;
        };
    }

    @Test
    void aPlainEditLosesToAWriteBetweenItsReadAndItsPatch() {
        assertThatThrownBy(() -> map.edit(racedBy(new AtomicInteger(1))))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(map.get().getData()).containsEntry("spec", "1").containsEntry("status", "1");
    }

    @Test
    void theChangeIsAppliedToAFreshReadAndTheOtherWriteIsKept() {
        ConfigMap edited = RetryOnConflict.edit(map, racedBy(new AtomicInteger(3)));
        assertThat(statusWrites).hasValue(3);
        assertThat(edited.getData()).containsEntry("spec", "2").containsEntry("status", "3");
        assertThat(map.get().getData()).containsEntry("spec", "2").containsEntry("status", "3");
    }

    @Test
    void aConflictThatNeverEndsIsReportedInTheEnd() {
        assertThatThrownBy(() -> RetryOnConflict.edit(map, racedBy(new AtomicInteger(Integer.MAX_VALUE))))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(map.get().getData()).containsEntry("spec", "1");
    }
}
