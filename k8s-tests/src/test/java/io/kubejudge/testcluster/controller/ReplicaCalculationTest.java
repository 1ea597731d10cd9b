package io.kubejudge.testcluster.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The HPA controller's documented arithmetic, case by case. */
class ReplicaCalculationTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration DOWN = Duration.ofMinutes(5);

    @Test
    void averageValueIsTheSumOverTheTargetRoundedUpOutsideTheTolerance() {
        assertThat(ReplicaCalculation.averageValue(9, 2, 1, 0.1)).isEqualTo(5);
        assertThat(ReplicaCalculation.averageValue(0, 2, 3, 0.1)).isZero();
        assertThat(ReplicaCalculation.averageValue(8.5, 2, 4, 0.1)).as("8.5 / 8 is within 10 %: keep").isEqualTo(4);
        assertThat(ReplicaCalculation.averageValue(9, 2, 4, 0.1)).as("9 / 8 is 12.5 % off: ceil(4.5)").isEqualTo(5);
        assertThat(ReplicaCalculation.averageValue(3, 2, 0, 0.1)).as("no status replicas yet").isEqualTo(2);
    }

    @Test
    void valueScalesTheCurrentReplicasByTheRatio() {
        assertThat(ReplicaCalculation.value(30, 10, 2, 0.1)).isEqualTo(6);
        assertThat(ReplicaCalculation.value(10.5, 10, 2, 0.1)).isEqualTo(2);
        assertThat(ReplicaCalculation.value(5, 10, 3, 0.1)).isEqualTo(2);
        assertThat(ReplicaCalculation.value(25, 10, 0, 0.1)).isEqualTo(3);
    }

    @Test
    void boundsAndTheScaleUpRateLimit() {
        ReplicaCalculation c = new ReplicaCalculation();
        assertThat(c.desired(T0, 1, 20, 1, 4, Duration.ZERO, DOWN)).as("max").isEqualTo(4);
        assertThat(new ReplicaCalculation().desired(T0, 2, 0, 1, 10, Duration.ZERO, Duration.ZERO)).as("min").isEqualTo(1);
        ReplicaCalculation limited = new ReplicaCalculation();
        assertThat(limited.desired(T0, 1, 50, 1, 100, Duration.ZERO, DOWN)).as("max(+100 %, +4) per 15 s").isEqualTo(5);
        limited.scaled(T0, 1, 5);
        assertThat(limited.desired(T0.plusSeconds(5), 5, 50, 1, 100, Duration.ZERO, DOWN))
                .as("still within the period that started at 1").isEqualTo(5);
        assertThat(limited.desired(T0.plusSeconds(16), 5, 50, 1, 100, Duration.ZERO, DOWN)).isEqualTo(10);
    }

    @Test
    void aScaleDownWaitsForTheHighestRecommendationToLeaveTheWindow() {
        ReplicaCalculation c = new ReplicaCalculation();
        Duration window = Duration.ofSeconds(10);
        assertThat(c.desired(T0, 4, 4, 1, 4, Duration.ZERO, window)).isEqualTo(4);
        assertThat(c.desired(T0.plusSeconds(3), 4, 1, 1, 4, Duration.ZERO, window)).isEqualTo(4);
        assertThat(c.desired(T0.plusSeconds(6), 4, 2, 1, 4, Duration.ZERO, window)).isEqualTo(4);
        assertThat(c.desired(T0.plusSeconds(11), 4, 1, 1, 4, Duration.ZERO, window))
                .as("the 4 of t=0 has left; the 2 of t=6 has not").isEqualTo(2);
        assertThat(c.desired(T0.plusSeconds(17), 2, 1, 1, 4, Duration.ZERO, window)).isEqualTo(1);
        assertThat(c.desired(T0.plusSeconds(18), 1, 3, 1, 4, Duration.ZERO, window)).as("up at once").isEqualTo(3);
    }
}
