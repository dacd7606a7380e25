package org.entrain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TempoTrackingTest {

    @Test
    void shouldGiveNoSlopeForAConstantTempoWhoseIntervalsDifferOnlyByRounding() {
        // 100 bpm cues on a nanosecond grid: IOIs of 600 ms +- 1 ns; a slope fitted to that was 1 429 930.
        double[] ioi = new double[40];
        double[] iti = new double[40];
        java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < ioi.length; i++) {
            ioi[i] = 600 + (i % 2 == 0 ? 1e-6 : -1e-6);
            iti[i] = 600 + 15 * rng.nextGaussian();
        }
        TempoTracking t = TempoTracking.of(iti, ioi);
        assertThat(t.slope()).isNaN();
        assertThat(t.interceptMs()).isNaN();
        assertThat(t.lag0Correlation()).isNaN();
        assertThat(t.meanLagBeats()).isNaN();
    }

    @Test
    void shouldFitTheSlopeOfARamp() {
        double[] ioi = new double[40];
        double[] iti = new double[40];
        for (int i = 0; i < ioi.length; i++) {
            ioi[i] = 600 - 2 * i;
            iti[i] = 0.9 * ioi[i] + 60;
        }
        TempoTracking t = TempoTracking.of(iti, ioi);
        assertThat(t.slope()).isCloseTo(0.9, within(1e-9));
        assertThat(t.interceptMs()).isCloseTo(60, within(1e-6));
    }
}
