package io.kubejudge.api.limits;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Small limits, so that the tests reach each of them in a few requests. */
public class LimitsProfile implements QuarkusTestProfile {
    static final int READS = 12;
    static final int STREAMS = 3;
    static final int STREAMS_PER_USER = 2;
    static final int BUFFERED = 8;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kubejudge.api.rate-limit.reads", Integer.toString(READS),
                "kubejudge.api.rate-limit.read-window", "3600s",
                "kubejudge.api.events.max-streams", Integer.toString(STREAMS),
                "kubejudge.api.events.max-streams-per-user", Integer.toString(STREAMS_PER_USER),
                "kubejudge.api.events.max-buffered-events", Integer.toString(BUFFERED),
                "kubejudge.api.events.busy-retry-after", "7s");
    }
}
