package io.kubejudge.api.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/** Redis carries rate limits, queue positions, archives and events. */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {

    private final JedisPooled redis;

    RedisHealthCheck(JedisPooled redis) {
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String pong = redis.ping();
            return HealthCheckResponse.named("redis").status("PONG".equals(pong)).build();
        } catch (JedisException e) {
            return HealthCheckResponse.named("redis").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
