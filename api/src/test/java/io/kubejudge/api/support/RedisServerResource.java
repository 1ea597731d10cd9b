package io.kubejudge.api.support;

import io.kubejudge.testsupport.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real redis-server on a free loopback port, without persistence, for the whole test run.
 * Missing redis-server fails the tests (scripts/install-test-deps.sh installs it); it never skips.
 */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile int port;
    private static volatile long pid;
    private RedisServer redis;

    public static int port() {
        return port;
    }

    /** The redis-server process, for the benchmark's CPU accounting. */
    public static long pid() {
        return pid;
    }

    @Override
    public Map<String, String> start() {
        redis = new RedisServer();
        port = redis.port();
        pid = redis.pid();
        return Map.of("kubejudge.redis.host", redis.host(), "kubejudge.redis.port", Integer.toString(port));
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
    }
}
