package org.entrain.onset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void shouldAverageLatencyAndReportItsSpread() {
        long[] emit = {1_000_000_000L, 1_300_000_000L, 1_600_000_000L};
        long[] arrival = {1_041_000_000L, 1_339_000_000L, 1_640_000_000L};
        Calibration c = Calibration.fromMarkers(emit, arrival);
        assertThat(c.latencyNanos()).isEqualTo(40_000_000L);
        assertThat(c.spreadNanos()).isEqualTo(1_000_000L);
        assertThat(c.driftPpm()).as("span below 1 s: no drift fitted").isZero();
        assertThat(c.correct(2_000_000_000L)).isEqualTo(1_960_000_000L);
    }

    @Test
    void shouldMeasureDriftFromMarkersAtBothEnds() {
        SplittableRandom rng = new SplittableRandom(1);
        long[] emit = new long[10];
        long[] arrival = new long[10];
        for (int i = 0; i < 10; i++) {
            emit[i] = -7_000_000_000L + (i < 5 ? i : 1795 + i) * 1_000_000_000L;
            long t = emit[i] - emit[0];
            arrival[i] = emit[i] + 25_000_000L + Math.round(80e-6 * t) + Math.round(rng.nextGaussian() * 100_000);
        }
        Calibration c = Calibration.fromMarkers(emit, arrival);
        assertThat(c.driftPpm()).isCloseTo(80, Offset.offset(1.0));
        assertThat(c.spreadNanos()).isLessThan(300_000L);
        long late = emit[9];
        assertThat(c.latencyAt(late)).isCloseTo(25_000_000L + Math.round(80e-6 * (late - emit[0])), Offset.offset(300_000L));
    }

    @Test
    void shouldRoundTripItsStoredForm() {
        Calibration c = new Calibration(-12_345_678L, 456L, -31.25, 7, Long.MIN_VALUE + 5);
        assertThat(Calibration.parse(c.format())).isEqualTo(c);
        assertThatThrownBy(() -> Calibration.parse("latency=12ms")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latency_ns=");
    }

    @Test
    void shouldCorrectAnOnsetKeepingItsOtherValues() {
        Calibration c = new Calibration(10_000_000L, 0, 0, 1, 0);
        Onset o = new Onset(50_000_000L, 0.5, OnsetSource.MICROPHONE, Onset.CLIPPED);
        assertThat(c.correct(o)).isEqualTo(new Onset(40_000_000L, 0.5, OnsetSource.MICROPHONE, Onset.CLIPPED));
    }

    @Test
    void shouldRejectMismatchedMarkers() {
        assertThatThrownBy(() -> Calibration.fromMarkers(new long[2], new long[3])).hasMessageContaining("same number");
    }
}
