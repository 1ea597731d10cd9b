package io.kubejudge.testcluster.fault;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An active fault rule: how often it struck, and {@link #close()} to lift it. */
public final class FaultHandle implements AutoCloseable {

    private final Runnable lift;
    private final Set<String> struck = ConcurrentHashMap.newKeySet();

    FaultHandle(Runnable lift) {
        this.lift = lift;
    }

    void hit(String objectKey) {
        struck.add(objectKey);
    }

    /** How many distinct pods (or Jobs) the fault struck (held, failed to pull, hung, disrupted, expired, ...). */
    public int podsStruck() {
        return struck.size();
    }

    @Override
    public void close() {
        lift.run();
    }
}
