package io.kubejudge.operator;

import io.kubejudge.model.redis.RedisTls;
import io.kubejudge.operator.leader.LeaderLease;
import java.time.Duration;
import java.util.Set;

/**
 * Everything an operator instance can be tuned with. The deployed operator reads it from
 * {@code kubejudge.*} properties ({@link OperatorBeans}); tests and the in-JVM test
 * cluster build it with {@link #builder()}.
 *
 * @param namespaces            namespaces to watch; empty watches all
 * @param redisHost             Redis host for the queue index, live events and the archive; null disables Redis
 * @param redisPassword         Redis password (AUTH), null when Redis needs none; never printed
 * @param redisTls              TLS to Redis ({@code kubejudge.redis.tls.*}), {@link RedisTls#OFF} for plain TCP
 * @param retention             how long a finished submission stays as a resource before it is archived and deleted
 * @param archiveTtl            how long an archived result lives in Redis
 * @param maxAttempts           Jobs started for one judging before a disrupted submission ends as SystemError
 * @param unschedulableTimeout  how long a judge pod may stay unschedulable before SystemError
 * @param missingReferenceGrace how long a submission waits for its problem or pool to appear before it is rejected
 *                              (an {@code kubectl apply} of both at once may deliver the submission first)
 * @param queuePositionRefresh  how often queued submissions get their (coarse) position written to their status
 * @param jobTtlSecondsAfterFinished the Job's ttlSecondsAfterFinished
 * @param tmpVolumeSize         size limit of each container's /tmp emptyDir
 * @param reconcileThreads      concurrent reconciliations
 * @param progressInterval      how often a running judge's per-test progress is read from its {@code run} step's log
 *                              for the live streams (one log request per running pod each time); zero turns it off
 * @param leaderLease           the Lease replicas elect their leader with; null: no election (a single replica)
 */
public record OperatorSettings(
        Set<String> namespaces,
        String redisHost,
        int redisPort,
        String redisPassword,
        RedisTls redisTls,
        Duration retention,
        Duration archiveTtl,
        int maxAttempts,
        Duration unschedulableTimeout,
        Duration missingReferenceGrace,
        Duration queuePositionRefresh,
        int jobTtlSecondsAfterFinished,
        String tmpVolumeSize,
        int reconcileThreads,
        Duration progressInterval,
        LeaderLease leaderLease) {

    public OperatorSettings {
        namespaces = Set.copyOf(namespaces);
        redisTls = redisTls == null ? RedisTls.OFF : redisTls;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("kubejudge.max-attempts must be at least 1, got " + maxAttempts);
        }
        if (retention.isNegative() || archiveTtl.isNegative() || archiveTtl.isZero()) {
            throw new IllegalArgumentException("kubejudge.retention must be >= 0 and kubejudge.archive-ttl > 0");
        }
        if (jobTtlSecondsAfterFinished < 0) {
            throw new IllegalArgumentException("kubejudge.job-ttl-seconds-after-finished must be >= 0");
        }
        if (progressInterval.isNegative() || (!progressInterval.isZero() && progressInterval.toMillis() < 100)) {
            throw new IllegalArgumentException("kubejudge.progress-interval must be 0 (off) or at least 100ms, got " + progressInterval);
        }
    }

    /** As a record's, but with the Redis password masked: settings end up in logs. */
    @Override
    public String toString() {
        return "OperatorSettings[namespaces=" + namespaces + ", redis=" + redisHost + ":" + redisPort
                + (redisPassword == null ? "" : " (password set)") + " " + redisTls + ", retention=" + retention
                + ", archiveTtl=" + archiveTtl + ", maxAttempts=" + maxAttempts + ", unschedulableTimeout="
                + unschedulableTimeout + ", missingReferenceGrace=" + missingReferenceGrace + ", queuePositionRefresh="
                + queuePositionRefresh + ", jobTtlSecondsAfterFinished=" + jobTtlSecondsAfterFinished
                + ", tmpVolumeSize=" + tmpVolumeSize + ", reconcileThreads=" + reconcileThreads
                + ", progressInterval=" + progressInterval + ", leaderLease=" + leaderLease + "]";
    }

    public boolean redisEnabled() {
        return redisHost != null && !redisHost.isBlank();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().namespaces(namespaces).redis(redisHost, redisPort).redisPassword(redisPassword).redisTls(redisTls).retention(retention)
                .archiveTtl(archiveTtl).maxAttempts(maxAttempts).unschedulableTimeout(unschedulableTimeout)
                .missingReferenceGrace(missingReferenceGrace).queuePositionRefresh(queuePositionRefresh)
                .jobTtlSecondsAfterFinished(jobTtlSecondsAfterFinished).tmpVolumeSize(tmpVolumeSize)
                .reconcileThreads(reconcileThreads).progressInterval(progressInterval).leaderLease(leaderLease);
    }

    /** Defaults suited to a real cluster; tests shorten the durations. */
    public static final class Builder {
        private Set<String> namespaces = Set.of();
        private String redisHost;
        private int redisPort = 6379;
        private String redisPassword;
        private RedisTls redisTls = RedisTls.OFF;
        private Duration retention = Duration.ofHours(24);
        private Duration archiveTtl = Duration.ofDays(30);
        private int maxAttempts = 3;
        private Duration unschedulableTimeout = Duration.ofMinutes(10);
        private Duration missingReferenceGrace = Duration.ofSeconds(30);
        private Duration queuePositionRefresh = Duration.ofSeconds(10);
        private int jobTtlSecondsAfterFinished = 3600;
        private String tmpVolumeSize = "64Mi";
        // An admission waits for about four API requests in a row: with 10-25 ms each, one thread
        // admits 10-25 submissions/s, so 500/s needs a few dozen reconciliations in flight.
        private int reconcileThreads = 64;
        private Duration progressInterval = Duration.ofSeconds(2);
        private LeaderLease leaderLease;

        public Builder namespaces(Set<String> v) { namespaces = v; return this; }
        public Builder redis(String host, int port) { redisHost = host; redisPort = port; return this; }
        /** Blank means none (an empty Secret value or environment variable). */
        public Builder redisPassword(String v) { redisPassword = v == null || v.isEmpty() ? null : v; return this; }
        public Builder redisTls(RedisTls v) { redisTls = v; return this; }
        public Builder retention(Duration v) { retention = v; return this; }
        public Builder archiveTtl(Duration v) { archiveTtl = v; return this; }
        public Builder maxAttempts(int v) { maxAttempts = v; return this; }
        public Builder unschedulableTimeout(Duration v) { unschedulableTimeout = v; return this; }
        public Builder missingReferenceGrace(Duration v) { missingReferenceGrace = v; return this; }
        public Builder queuePositionRefresh(Duration v) { queuePositionRefresh = v; return this; }
        public Builder jobTtlSecondsAfterFinished(int v) { jobTtlSecondsAfterFinished = v; return this; }
        public Builder tmpVolumeSize(String v) { tmpVolumeSize = v; return this; }
        public Builder reconcileThreads(int v) { reconcileThreads = v; return this; }
        public Builder progressInterval(Duration v) { progressInterval = v; return this; }
        public Builder leaderLease(LeaderLease v) { leaderLease = v; return this; }

        public OperatorSettings build() {
            return new OperatorSettings(namespaces, redisHost, redisPort, redisPassword, redisTls, retention, archiveTtl, maxAttempts,
                    unschedulableTimeout, missingReferenceGrace, queuePositionRefresh, jobTtlSecondsAfterFinished,
                    tmpVolumeSize, reconcileThreads, progressInterval, leaderLease);
        }
    }
}
