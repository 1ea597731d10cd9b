package io.kubejudge.testcluster.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The HPA controller's arithmetic for External metrics, as Kubernetes documents and implements it
 * (pkg/controller/podautoscaler: replica_calculator.go, horizontal.go):
 * <ul>
 *   <li>{@code AverageValue} target: {@code usage = sum of the series}; if
 *       {@code |1 - usage / (target * statusReplicas)| <= tolerance} keep the current replicas, else
 *       {@code ceil(usage / target)};</li>
 *   <li>{@code Value} target: {@code ratio = usage / target}; within tolerance keep, else
 *       {@code ceil(ratio * currentReplicas)} (Kubernetes multiplies by the ready pods of the scale
 *       target's selector; a JudgeNodePool has no pods of its own, its replicas stand for them);</li>
 *   <li>stabilisation: a scale-down takes the highest recommendation of the scale-down window
 *       (default 300 s), a scale-up the lowest of the scale-up window (default 0 s);</li>
 *   <li>rate limits of the default behaviour: up by at most {@code max(100 %, 4 pods)} per 15 s, down by
 *       at most 100 % per 15 s; then {@code minReplicas..maxReplicas}.</li>
 * </ul>
 * One instance per HPA: it keeps the recommendations and scale events the windows look back on.
 */
public final class ReplicaCalculation {

    public static final double DEFAULT_TOLERANCE = 0.1;
    static final Duration POLICY_PERIOD = Duration.ofSeconds(15);

    private record Recommendation(Instant at, int replicas) {
    }

    private record ScaleEvent(Instant at, int change) {
    }

    private final Deque<Recommendation> recommendations = new ArrayDeque<>();
    private final Deque<ScaleEvent> events = new ArrayDeque<>();

    /** {@code ceil(usage / target)} unless within tolerance of the current ratio. */
    public static int averageValue(double usage, double targetPerReplica, int statusReplicas, double tolerance) {
        double ratio = usage / (targetPerReplica * statusReplicas);
        if (statusReplicas > 0 && Math.abs(1.0 - ratio) <= tolerance) {
            return statusReplicas;
        }
        return (int) Math.ceil(usage / targetPerReplica);
    }

    /** {@code ceil(current * usage / target)} unless within tolerance. */
    public static int value(double usage, double target, int currentReplicas, double tolerance) {
        double ratio = usage / target;
        if (currentReplicas == 0) {
            return (int) Math.ceil(ratio);
        }
        if (Math.abs(1.0 - ratio) <= tolerance) {
            return currentReplicas;
        }
        return (int) Math.ceil(ratio * currentReplicas);
    }

    /**
     * The replicas to scale to from a fresh recommendation: stabilised, rate-limited, bounded.
     */
    public synchronized int desired(Instant now, int current, int recommended, int min, int max,
                                    Duration scaleUpWindow, Duration scaleDownWindow) {
        recommendations.addLast(new Recommendation(now, recommended));
        Duration longest = scaleUpWindow.compareTo(scaleDownWindow) > 0 ? scaleUpWindow : scaleDownWindow;
        while (!recommendations.isEmpty() && recommendations.peekFirst().at().isBefore(now.minus(longest))) {
            recommendations.removeFirst();
        }
        int upFloor = recommended;
        int downCeiling = recommended;
        for (Recommendation r : recommendations) {
            if (!r.at().isBefore(now.minus(scaleUpWindow))) {
                upFloor = Math.min(upFloor, r.replicas());
            }
            if (!r.at().isBefore(now.minus(scaleDownWindow))) {
                downCeiling = Math.max(downCeiling, r.replicas());
            }
        }
        int stabilised = current;
        if (stabilised < upFloor) {
            stabilised = upFloor;
        }
        if (stabilised > downCeiling) {
            stabilised = downCeiling;
        }
        while (!events.isEmpty() && events.peekFirst().at().isBefore(now.minus(POLICY_PERIOD))) {
            events.removeFirst();
        }
        // Scale-up: at most max(+100 %, +4) over the replicas of 15 s ago; scale-down: 100 % per
        // 15 s, which never limits.
        int added = events.stream().filter(e -> e.change() > 0).mapToInt(ScaleEvent::change).sum();
        int periodStart = current - added;
        int upLimit = Math.max(periodStart * 2, periodStart + 4);
        int limited = stabilised > current ? Math.min(stabilised, Math.max(upLimit, current)) : stabilised;
        int bounded = Math.max(min, Math.min(max, limited));
        return bounded;
    }

    /** Records a scale the controller made, for the rate limits' look-back. */
    public synchronized void scaled(Instant at, int from, int to) {
        events.addLast(new ScaleEvent(at, to - from));
    }
}
