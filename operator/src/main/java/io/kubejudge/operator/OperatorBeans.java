package io.kubejudge.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.operator.admission.AdmissionQueue;
import io.kubejudge.operator.admission.QueuePositionRefresher;
import io.kubejudge.operator.archive.SubmissionArchive;
import io.kubejudge.operator.job.JudgeJobs;
import io.kubejudge.model.redis.RedisTls;
import io.kubejudge.operator.leader.LeaderLease;
import io.kubejudge.operator.metrics.JudgeMetrics;
import io.kubejudge.operator.pool.PoolHealth;
import io.kubejudge.operator.submission.SubmissionStatusRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Quarkus wiring of the deployed operator: the settings from {@code kubejudge.*} properties and the
 * parts of {@link OperatorComponents} as beans for the CDI-built reconcilers.
 */
@ApplicationScoped
public class OperatorBeans {

    @Produces
    @Singleton
    OperatorSettings settings(
            @ConfigProperty(name = "quarkus.operator-sdk.namespaces") Optional<List<String>> namespaces,
            @ConfigProperty(name = "kubejudge.redis.host") Optional<String> redisHost,
            @ConfigProperty(name = "kubejudge.redis.port", defaultValue = "6379") int redisPort,
            @ConfigProperty(name = "kubejudge.redis.password") Optional<String> redisPassword,
            @ConfigProperty(name = "kubejudge.redis.tls.enabled", defaultValue = "false") boolean redisTls,
            @ConfigProperty(name = "kubejudge.redis.tls.ca-file") Optional<String> redisCaFile,
            @ConfigProperty(name = "kubejudge.redis.tls.verify-hostname", defaultValue = "true") boolean redisVerifyHostname,
            @ConfigProperty(name = "kubejudge.retention", defaultValue = "24h") Duration retention,
            @ConfigProperty(name = "kubejudge.archive-ttl", defaultValue = "30d") Duration archiveTtl,
            @ConfigProperty(name = "kubejudge.max-attempts", defaultValue = "3") int maxAttempts,
            @ConfigProperty(name = "kubejudge.unschedulable-timeout", defaultValue = "10m") Duration unschedulableTimeout,
            @ConfigProperty(name = "kubejudge.missing-reference-grace", defaultValue = "30s") Duration grace,
            @ConfigProperty(name = "kubejudge.queue-position-refresh", defaultValue = "10s") Duration positionRefresh,
            @ConfigProperty(name = "kubejudge.job-ttl-seconds-after-finished", defaultValue = "3600") int jobTtl,
            @ConfigProperty(name = "kubejudge.tmp-volume-size", defaultValue = "64Mi") String tmpVolumeSize,
            @ConfigProperty(name = "kubejudge.progress-interval", defaultValue = "2s") Duration progressInterval,
            @ConfigProperty(name = "quarkus.operator-sdk.concurrent-reconciliation-threads", defaultValue = "64") int threads,
            @ConfigProperty(name = "kubejudge.leader-election.enabled", defaultValue = "false") boolean leaderElection,
            @ConfigProperty(name = "kubejudge.leader-election.lease-name", defaultValue = LeaderLease.DEFAULT_NAME) String leaseName,
            @ConfigProperty(name = "kubejudge.leader-election.lease-namespace") Optional<String> leaseNamespace,
            @ConfigProperty(name = "kubejudge.leader-election.identity") Optional<String> identity,
            @ConfigProperty(name = "kubejudge.leader-election.exit-on-loss", defaultValue = "true") boolean exitOnLoss) {
        Set<String> watched = namespaces.map(l -> l.stream().filter(n -> !n.isBlank() && !n.equals("JOSDK_ALL_NAMESPACES"))
                .collect(java.util.stream.Collectors.toSet())).orElse(Set.of());
        return OperatorSettings.builder().namespaces(watched).redis(redisHost.orElse(null), redisPort)
                .redisPassword(redisPassword.orElse(null))
                .redisTls(new RedisTls(redisTls, redisCaFile.orElse(null), redisVerifyHostname))
                .retention(retention).archiveTtl(archiveTtl).maxAttempts(maxAttempts)
                .unschedulableTimeout(unschedulableTimeout).missingReferenceGrace(grace)
                .queuePositionRefresh(positionRefresh).jobTtlSecondsAfterFinished(jobTtl)
                .tmpVolumeSize(tmpVolumeSize).reconcileThreads(threads).progressInterval(progressInterval)
                .leaderLease(leaderElection ? LeaderLease.deployed(leaseName, leaseNamespace.orElse(null),
                        identity.orElseGet(LeaderLease::defaultIdentity), exitOnLoss) : null)
                .build();
    }

    @Produces
    @Singleton
    OperatorComponents components(KubernetesClient client, OperatorSettings settings, MeterRegistry registry) {
        return new OperatorComponents(client, settings, Clock.systemUTC(), registry);
    }

    void close(@Disposes OperatorComponents components) {
        components.close();
    }

    @Produces @Singleton Clock clock(OperatorComponents c) { return c.clock(); }
    @Produces @Singleton AdmissionQueue queue(OperatorComponents c) { return c.queue(); }
    @Produces @Singleton PoolHealth poolHealth(OperatorComponents c) { return c.poolHealth(); }
    @Produces @Singleton SubmissionStatusRecorder recorder(OperatorComponents c) { return c.recorder(); }
    @Produces @Singleton JudgeJobs jobs(OperatorComponents c) { return c.jobs(); }
    @Produces @Singleton SubmissionArchive archive(OperatorComponents c) { return c.archive(); }
    @Produces @Singleton JudgeMetrics metrics(OperatorComponents c) { return c.metrics(); }
    @Produces @Singleton QueuePositionRefresher positions(OperatorComponents c) { return c.positions(); }
}
