package io.kubejudge.operator.leader;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The Lease through which operator replicas elect the one that reconciles (the others keep their
 * informers warm and take over when the Lease expires). The admission queue, pool slots and the
 * Redis queue index live in the reconciling operator's memory, so two replicas must never
 * reconcile at once.
 *
 * @param name          the Lease's name
 * @param namespace     the Lease's namespace; null: the client's namespace (in a pod: its own)
 * @param identity      this replica's name in the Lease (the pod's name)
 * @param leaseDuration how long a leader that stopped renewing keeps the Lease
 * @param renewDeadline how long the leader retries renewing before it gives up leading
 * @param retryPeriod   how often candidates try to acquire and the leader renews
 * @param exitOnLoss    whether the JVM exits when it stops leading: a replica that lost the Lease
 *                      holds a stale queue in memory, so the deployed operator restarts; in-JVM
 *                      tests must not exit
 */
public record LeaderLease(String name, String namespace, String identity, Duration leaseDuration,
                          Duration renewDeadline, Duration retryPeriod, boolean exitOnLoss) {

    public static final String DEFAULT_NAME = "kubejudge-operator";

    public LeaderLease {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("kubejudge.leader-election.lease-name must not be empty");
        }
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException("kubejudge.leader-election.identity must not be empty");
        }
        if (!(leaseDuration.compareTo(renewDeadline) > 0 && renewDeadline.compareTo(retryPeriod) > 0)) {
            throw new IllegalArgumentException("the lease duration (" + leaseDuration + ") must exceed the renew deadline ("
                    + renewDeadline + "), which must exceed the retry period (" + retryPeriod + ")");
        }
        namespace = namespace == null || namespace.isBlank() ? null : namespace;
    }

    /** The deployed operator's Lease: java-operator-sdk's timings, exit when the Lease is lost. */
    public static LeaderLease deployed(String name, String namespace, String identity) {
        return deployed(name, namespace, identity, true);
    }

    /** java-operator-sdk's timings; {@code exitOnLoss} false only where the JVM must live on (a Quarkus test). */
    public static LeaderLease deployed(String name, String namespace, String identity, boolean exitOnLoss) {
        return new LeaderLease(name, namespace, identity, LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, exitOnLoss);
    }

    /** The pod's name (POD_NAME from the downward API), else the host name, which is the pod's name too. */
    public static String defaultIdentity() {
        String pod = System.getenv("POD_NAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("no leader election identity: set POD_NAME or kubejudge.leader-election.identity", e);
        }
    }

    public LeaderElectionConfiguration configuration() {
        return new LeaderElectionConfiguration(name, namespace, leaseDuration, renewDeadline, retryPeriod, identity,
                null, exitOnLoss);
    }
}
