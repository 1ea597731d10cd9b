package io.kubejudge.operator.metrics;

import io.kubejudge.testsupport.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real redis-server for a @QuarkusTest of the operator, handed to it as kubejudge.redis.*. */
public class RedisForOperator implements QuarkusTestResourceLifecycleManager {
    private RedisServer redis;

    @Override
    public Map<String, String> start() {
        redis = new RedisServer();
        return Map.of("kubejudge.redis.host", redis.host(), "kubejudge.redis.port", Integer.toString(redis.port()));
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
    }
}
