package io.kubejudge.operator.health;

import io.kubejudge.operator.OperatorComponents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness part: Redis answers PING (or is not configured). Judging goes on without Redis; the
 * check is there so that an outage is visible, and says whether writes are waiting to catch up.
 */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {
    private final OperatorComponents components;

    public RedisHealthCheck(OperatorComponents components) {
        this.components = components;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("redis");
        if (components.redis().isEmpty()) {
            return builder.up().withData("configured", false).build();
        }
        boolean up = components.redis().get().ping();
        boolean catchingUp = components.redisWriter().map(w -> w.catchingUp()).orElse(false);
        return builder.status(up).withData("configured", true).withData("catchingUp", catchingUp).build();
    }
}
