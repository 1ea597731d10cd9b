package io.kubejudge.operator.metrics;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.operator.leader.LeaderLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Whether this operator replica leads: without leader election it always does; with it, when the
 * Lease names it as holder. Read from the Lease at most every {@value #CACHE_SECONDS} s (a scrape asks).
 * The admission queue cannot tell: it is rebuilt only at the first submission a leader reconciles, and
 * an idle leader is still the leader.
 */
public final class Leadership implements BooleanSupplier {
    static final int CACHE_SECONDS = 10;

    private final KubernetesClient client;
    private final LeaderLease lease;
    private final Clock clock;
    private volatile boolean leading;
    private volatile Instant readAt = Instant.MIN;

    public Leadership(KubernetesClient client, LeaderLease lease, Clock clock) {
        this.client = client;
        this.lease = lease;
        this.clock = clock;
    }

    @Override
    public boolean getAsBoolean() {
        if (lease == null) {
            return true;
        }
        Instant now = clock.instant();
        if (Duration.between(readAt, now).getSeconds() >= CACHE_SECONDS) {
            try {
                String namespace = lease.namespace() != null ? lease.namespace() : client.getNamespace();
                Lease l = client.leases().inNamespace(namespace).withName(lease.name()).get();
                leading = l != null && l.getSpec() != null && lease.identity().equals(l.getSpec().getHolderIdentity());
            } catch (RuntimeException e) {
                leading = false;
            }
            readAt = now;
        }
        return leading;
    }
}
