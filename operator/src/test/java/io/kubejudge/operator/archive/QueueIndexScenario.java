package io.kubejudge.operator.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.model.redis.RedisKeys;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.KubeJudgeOperator;
import io.kubejudge.operator.OperatorSettings;
import redis.clients.jedis.JedisPooled;

/**
 * An operator started with {@code settings} (however it reaches Redis) keeps its queue index
 * there: one submission judging in the one-slot pool, the next one queued in Redis.
 */
final class QueueIndexScenario {

    private QueueIndexScenario() {
    }

    static void theOperatorIndexesItsQueue(KubernetesClient client, OperatorSettings settings, JedisPooled jedis) {
        client.resource(Fixtures.problem("aplusb", 2)).create();
        client.resource(Fixtures.pool("default", 1)).create();
        KubeJudgeOperator operator = KubeJudgeOperator.start(client, settings);
        try {
            submit(client, "s1");
            await().until(() -> client.batch().v1().jobs().inNamespace(Fixtures.NS).withName("s1-1").get() != null);
            submit(client, "s2");
            String key = RedisKeys.queue(Fixtures.NS, "default");
            await().until(() -> jedis.zcard(key) == 1);
            assertThat(jedis.zrange(key, 0, -1)).containsExactly("s2");
            assertThat(operator.components().redis()).hasValueSatisfying(r -> assertThat(r.ping()).isTrue());
        } finally {
            operator.stop();
        }
    }

    private static void submit(KubernetesClient client, String name) {
        JudgeSubmission s = Fixtures.submission(name);
        s.getMetadata().setUid(null);
        client.resource(s).create();
    }
}
