package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The kubelet's probe workers for one running container instance: until its startup probe succeeds
 * the container is not {@code started} and neither readiness nor liveness is probed; a container
 * without a readiness probe is ready once started; each probe runs every {@code periodSeconds} after
 * {@code initialDelaySeconds} and flips after {@code successThreshold}/{@code failureThreshold}
 * results in a row. A failed startup or liveness probe is reported once and ends the probing (the
 * container is to be stopped and restarted as its policy says).
 */
final class ContainerProber implements Runnable {

    /** What the probes found. */
    interface Findings {
        void changed(boolean started, boolean ready);

        /** The startup or liveness probe failed: the container must go. */
        void failed(String kind, Probe probe);
    }

    private final Container container;
    private final String containerId;
    private final String podIP;
    private final BooleanSupplier running;
    private final Findings findings;

    /** @param running whether the container still runs (probing ends when it does not) */
    ContainerProber(Container container, String containerId, String podIP, BooleanSupplier running, Findings findings) {
        this.container = container;
        this.containerId = containerId;
        this.podIP = podIP;
        this.running = running;
        this.findings = findings;
    }

    static boolean startedAtOnce(Container container) {
        return container.getStartupProbe() == null;
    }

    static boolean readyAtOnce(Container container) {
        return container.getStartupProbe() == null && container.getReadinessProbe() == null;
    }

    @Override
    public void run() {
        Probe startup = container.getStartupProbe();
        Probe readiness = container.getReadinessProbe();
        Probe liveness = container.getLivenessProbe();
        long t0 = System.nanoTime();
        ProbeState s = startup == null ? null : new ProbeState(startup, t0);
        ProbeState r = readiness == null ? null : new ProbeState(readiness, t0);
        ProbeState l = liveness == null ? null : new ProbeState(liveness, t0);
        boolean started = startedAtOnce(container);
        boolean ready = readyAtOnce(container);
        try {
            while (running.getAsBoolean()) {
                long now = System.nanoTime();
                boolean wasStarted = started;
                boolean wasReady = ready;
                if (!started) {
                    if (s.due(now)) {
                        Boolean verdict = s.record(attempt(startup), now);
                        if (Boolean.TRUE.equals(verdict)) {
                            started = true;
                            ready = readiness == null;
                            if (r != null) {
                                r.restart(now);
                            }
                            if (l != null) {
                                l.restart(now);
                            }
                        } else if (Boolean.FALSE.equals(verdict)) {
                            findings.failed("startup", startup);
                            return;
                        }
                    }
                } else {
                    if (r != null && r.due(now)) {
                        Boolean verdict = r.record(attempt(readiness), now);
                        if (verdict != null) {
                            ready = verdict;
                        }
                    }
                    if (l != null && l.due(now) && Boolean.FALSE.equals(l.record(attempt(liveness), now))) {
                        findings.failed("liveness", liveness);
                        return;
                    }
                }
                if (started != wasStarted || ready != wasReady) {
                    findings.changed(started, ready);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            // the container ended
        }
    }

    private boolean attempt(Probe probe) {
        return ContainerProbes.attempt(probe, container, podIP, containerId);
    }

    /** A probe's schedule and its consecutive results against its thresholds. */
    private static final class ProbeState {
        private final Probe probe;
        private long next;
        private int successes;
        private int failures;

        ProbeState(Probe probe, long now) {
            this.probe = probe;
            restart(now);
        }

        void restart(long now) {
            next = now + TimeUnit.SECONDS.toNanos(probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds());
        }

        boolean due(long now) {
            return now >= next;
        }

        /** True once successThreshold successes in a row, false once failureThreshold failures; else null. */
        Boolean record(boolean success, long now) {
            next = now + TimeUnit.SECONDS.toNanos(probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds());
            if (success) {
                failures = 0;
                return ++successes >= (probe.getSuccessThreshold() == null ? 1 : probe.getSuccessThreshold()) ? Boolean.TRUE : null;
            }
            successes = 0;
            return ++failures >= (probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold()) ? Boolean.FALSE : null;
        }
    }
}
