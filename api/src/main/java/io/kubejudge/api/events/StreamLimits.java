package io.kubejudge.api.events;

import io.kubejudge.api.config.ApiConfig;
import io.kubejudge.api.error.ApiError;
import io.kubejudge.api.error.ApiException;
import java.util.HashMap;
import java.util.Map;

/**
 * How many live streams this replica holds, in total and per user. Each open stream costs a
 * connection, a subscription and a buffer, so a user (or many) opening streams without end
 * would exhaust the replica; past a limit a new stream is answered 429 with Retry-After.
 * Counted per replica: the Service spreads connections, and a count shared in Redis would
 * leak slots whenever a replica died with streams open.
 */
final class StreamLimits {

    private final int maxTotal;
    private final int maxPerUser;
    private final long retryAfterSeconds;
    private final Map<String, Integer> perUser = new HashMap<>();
    private int total;

    StreamLimits(ApiConfig.Events config) {
        this.maxTotal = config.maxStreams();
        this.maxPerUser = config.maxStreamsPerUser();
        this.retryAfterSeconds = Math.max(1, config.busyRetryAfter().toSeconds());
    }

    /** Takes a slot for {@code user} or throws the 429; give it back with {@link #release}. */
    synchronized void acquire(String user) {
        int mine = perUser.getOrDefault(user, 0);
        if (mine >= maxPerUser) {
            throw busy("at most " + maxPerUser + " live streams per user; close one or retry in " + retryAfterSeconds + " s");
        }
        if (total >= maxTotal) {
            throw busy("this API replica holds its limit of " + maxTotal + " live streams; retry in "
                    + retryAfterSeconds + " s");
        }
        perUser.put(user, mine + 1);
        total++;
    }

    synchronized void release(String user) {
        Integer mine = perUser.get(user);
        if (mine == null) {
            return;
        }
        if (mine <= 1) {
            perUser.remove(user);
        } else {
            perUser.put(user, mine - 1);
        }
        total--;
    }

    synchronized int total() {
        return total;
    }

    private ApiException busy(String message) {
        return new ApiException(429, new ApiError("too_many_streams", message, null),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
}
