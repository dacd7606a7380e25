package org.entrain.cancel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.entrain.dsp.Biquad;
import org.entrain.onset.DetectorSettings;
import org.junit.jupiter.api.Test;

/**
 * The room path's helpers for what it leaves out: where its fit should end ({@link
 * CueCancellation#fitEnd}) and where a tail's estimate stops mattering ({@link
 * CueCancellation#aboveNoise}). The end-to-end cases (real hits, rendered cue tracks, rooms of
 * RT60 0.8) are {@code LiveCueAcquisitionTest} and {@code RealHitCancellationTest} in benchmarks.
 */
class RoomTailTest {

    private static final float RATE = 44_100f;
    private static final DetectorSettings BAND = DetectorSettings.taps();

    /** A decaying burst of noise, {@code seconds} long, of RMS {@code rms} at its start. */
    private static float[] burst(double seconds, double rms, double rt60, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] s = new float[(int) (seconds * RATE)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (rms * Math.exp(-6.908 * i / RATE / rt60) * (r.nextDouble() * 2 - 1) * Math.sqrt(3));
        }
        return s;
    }

    @Test
    void shouldEndTheFitBeforeALoudCueWhoseRoomSoundTheWindowWouldCut() {
        // Eighths at 100 bpm (300 ms): beat, hi-hat, beat, hi-hat, beat; the window's bound is the
        // next cue, 300 ms after the last. A loud last cue: the fit ends before it.
        int step = Math.round(0.3f * RATE);
        double[] frames = new double[6];
        for (int k = 0; k < frames.length; k++) {
            frames[k] = 10_000 + k * step;
        }
        float[] loud = burst(0.1, 0.5, 0.05, 1);
        float[] quiet = burst(0.1, 0.05, 0.05, 2);
        float[][] endsLoud = {loud, quiet, loud, quiet, loud};
        int lh = Math.round(0.3f * RATE);
        assertThat(CueCancellation.fitEnd(frames, endsLoud, 0, 5, lh, RATE)).isEqualTo(4);
        // A quiet last cue (a hi-hat): the whole window.
        float[][] endsQuiet = {loud, quiet, loud, quiet};
        assertThat(CueCancellation.fitEnd(Arrays.copyOf(frames, 5), endsQuiet, 0, 4, lh, RATE)).isEqualTo(4);
        // Cues as far apart as the path is long: nothing is cut, the whole window.
        double[] sparse = {10_000, 10_000 + 2 * lh, 10_000 + 4 * lh, 10_000 + 6 * lh};
        assertThat(CueCancellation.fitEnd(sparse, new float[][] {loud, loud, loud}, 0, 3, lh, RATE)).isEqualTo(3);
    }

    @Test
    void shouldCutATailWhereItSinksUnderTheNoiseAndKeepOneAboveIt() {
        float[] tail = burst(1.0, 0.1, 0.6, 3);
        double atStart = bandEnergyPerSample(tail, 0, Math.round(0.02f * RATE));
        // The noise 40 dB under the tail's start, the margin 6 dB: the tail sinks under it after
        // about 0.4 s (60 dB per 0.6 s), so it is cut there, faded, and nothing later is kept.
        double noise = atStart * 1e-4;
        double gain = Math.pow(10, (6 + CueCancellation.TAIL_SWELL_DB) / 20);
        float[] cut = CueCancellation.aboveNoise(tail, gain, 6, noise, RATE, BAND);
        assertThat(cut.length / RATE).isBetween(0.35f, 0.5f);
        for (int i = 0; i < cut.length - Math.round(0.02f * RATE); i++) {
            assertThat(cut[i]).isEqualTo(tail[i]);
        }
        assertThat(Math.abs(cut[cut.length - 1])).isLessThan(Math.abs(tail[cut.length - 1]) * 0.01f + 1e-9f);
        // A noise far under the whole tail: kept whole, the same array.
        assertThat(CueCancellation.aboveNoise(tail, gain, 6, noise * 1e-6, RATE, BAND)).isSameAs(tail);
        // A noise above all of it: nothing left.
        assertThat(CueCancellation.aboveNoise(tail, gain, 6, atStart * 10, RATE, BAND)).isEmpty();
    }

    private static double bandEnergyPerSample(float[] x, int from, int to) {
        Biquad h = Biquad.highPass(BAND.lowHz(), RATE);
        Biquad l = Biquad.lowPass(BAND.highHz(), RATE);
        double e = 0;
        for (int i = 0; i < to; i++) {
            double v = l.step(h.step(x[i]));
            if (i >= from) {
                e += v * v;
            }
        }
        return e / (to - from);
    }
}
