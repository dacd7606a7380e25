package org.entrain.calibration;

import org.entrain.onset.Calibration;
import org.entrain.onset.TestSignals;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MarkerAnalysisTest {

    private static final float RATE = 48_000f;

    /** The playback as an input hears it: delayed, quieter, with noise and a louder foreign click train. */
    private static float[] recording(float[] played, long delayFrames, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] rec = new float[(int) (played.length + delayFrames + RATE)];
        for (int i = 0; i < played.length; i++) {
            rec[(int) (i + delayFrames)] += 0.3f * played[i];
        }
        float[] click = TestSignals.hit(TestSignals.Hit.CLICK, RATE, rng);
        for (long f = 1000; f + click.length < rec.length; f += Math.round(0.43 * RATE)) {
            for (int k = 0; k < click.length; k++) {
                rec[(int) f + k] += 0.8f * click[k];
            }
        }
        for (int i = 0; i < rec.length; i++) {
            rec[i] += (float) (0.01 * rng.nextGaussian());
        }
        return rec;
    }

    @Test
    void shouldFindEveryMarkerToAFractionOfAMillisecond() {
        float[] played = CalibrationSignal.playbackSignal(RATE, 6);
        long delay = 3_731;
        float[] rec = recording(played, delay, 1);
        long[] frames = CalibrationSignal.markerFrames(RATE, 6);
        long origin = 5_000_000_000L;
        long[] emit = new long[frames.length];
        for (int i = 0; i < frames.length; i++) {
            emit[i] = origin + Math.round(frames[i] * 1e9 / RATE);
        }
        MarkerAnalysis.Result r = MarkerAnalysis.analyse(rec, RATE, emit,
                f -> origin + Math.round(f * 1e9 / RATE), n -> Math.round((n - origin) * RATE / 1e9), 1000);

        double expectedNanos = delay * 1e9 / RATE;
        for (long l : r.latenciesNanos()) {
            assertThat((double) l).isCloseTo(expectedNanos, Offset.offset(50_000.0));
        }
        assertThat(java.util.Arrays.stream(r.scores()).min().orElse(0)).isGreaterThan(0.9);
        assertThat(r.calibration().spreadNanos()).isLessThan(50_000L);
    }

    @Test
    void shouldMeasureDriftBetweenStartAndEndMarkers() {
        float[] played = CalibrationSignal.playbackSignal(RATE, 3);
        long[] frames = CalibrationSignal.markerFrames(RATE, 3);
        // The input clock runs 100 ppm slow: a session of 10 min adds 60 ms of latency by its end.
        double ppm = 100;
        long startDelay = 1_000;
        long gapFrames = Math.round(600 * RATE);
        long endDelay = startDelay + Math.round(ppm * 1e-6 * gapFrames);
        float[] start = recording(played, startDelay, 2);
        float[] end = recording(played, endDelay, 3);
        long[] emitStart = new long[3];
        long[] emitEnd = new long[3];
        for (int i = 0; i < 3; i++) {
            emitStart[i] = Math.round(frames[i] * 1e9 / RATE);
            emitEnd[i] = Math.round((frames[i] + gapFrames) * 1e9 / RATE);
        }
        MarkerAnalysis.Result a = MarkerAnalysis.analyse(start, RATE, emitStart,
                f -> Math.round(f * 1e9 / RATE), n -> Math.round(n * RATE / 1e9), 1000);
        MarkerAnalysis.Result b = MarkerAnalysis.analyse(end, RATE, emitEnd,
                f -> Math.round((f + gapFrames) * 1e9 / RATE), n -> Math.round(n * RATE / 1e9) - gapFrames, 1000);
        Calibration c = a.combine(b);
        assertThat(c.driftPpm()).isCloseTo(ppm, Offset.offset(2.0));
        assertThat(c.markers()).isEqualTo(6);
    }
}
