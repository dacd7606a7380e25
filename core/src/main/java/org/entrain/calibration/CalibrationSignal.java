package org.entrain.calibration;

import java.util.SplittableRandom;

/**
 * Stateless and thread safe (every method returns a new array): the calibration marker signal,
 * REPP-style (Anglada-Tort et al. 2022, Behav Res Methods), one marker being three 15 ms bursts,
 * 280 and 230 ms apart, in the 200..340 Hz band.
 *
 * <p>The same bursts are what {@link MarkerAnalysis} searches a recording for, so the signal played
 * and the filter matched against it cannot drift apart.
 */
public final class CalibrationSignal {

    /** Burst length, ms. */
    public static final double BURST_MS = 15;
    /** Burst offsets within one marker, ms. */
    static final double[] BURST_OFFSETS_MS = {0, 280, 510};
    /** Time between markers in {@link #playbackSignal}, s. */
    static final double MARKER_PERIOD_S = 1.0;
    /** Silence before the first marker in {@link #playbackSignal}, s. */
    static final double LEAD_S = 0.5;
    /** Silence after the last marker in {@link #playbackSignal}, s. */
    static final double TAIL_S = 1.0;

    private CalibrationSignal() {
    }

    /**
     * One 15 ms burst: equal-amplitude partials every 10 Hz from 200 to 340 Hz with fixed random
     * phases, 1 ms raised-cosine ramps, peak 0.5.
     *
     * @param sampleRate in Hz
     * @return the burst
     */
    public static float[] burst(float sampleRate) {
        int len = (int) Math.round(BURST_MS / 1000 * sampleRate);
        int ramp = Math.max(1, (int) Math.round(0.001 * sampleRate));
        SplittableRandom rng = new SplittableRandom(20_220_304L);
        double[] phases = new double[15];
        for (int k = 0; k < phases.length; k++) {
            phases[k] = rng.nextDouble() * 2 * Math.PI;
        }
        float[] w = new float[len];
        float peak = 0;
        for (int i = 0; i < len; i++) {
            double t = i / (double) sampleRate;
            double v = 0;
            for (int k = 0; k < phases.length; k++) {
                v += Math.sin(2 * Math.PI * (200 + 10 * k) * t + phases[k]);
            }
            double env = 1;
            if (i < ramp) {
                env = 0.5 - 0.5 * Math.cos(Math.PI * i / ramp);
            } else if (i >= len - ramp) {
                env = 0.5 - 0.5 * Math.cos(Math.PI * (len - 1 - i) / ramp);
            }
            w[i] = (float) (v * env);
            peak = Math.max(peak, Math.abs(w[i]));
        }
        for (int i = 0; i < len; i++) {
            w[i] = 0.5f * w[i] / peak;
        }
        return w;
    }

    /**
     * The playback signal: 0.5 s silence, {@code markers} markers 1 s apart, 1 s silence.
     *
     * @param sampleRate in Hz
     * @param markers how many markers (1..100)
     * @return the signal
     */
    public static float[] playbackSignal(float sampleRate, int markers) {
        checkMarkers(markers);
        float[] b = burst(sampleRate);
        int total = (int) Math.round((LEAD_S + (markers - 1) * MARKER_PERIOD_S + 0.53 + TAIL_S) * sampleRate);
        float[] s = new float[total];
        for (long f : markerFrames(sampleRate, markers)) {
            for (double off : BURST_OFFSETS_MS) {
                int at = (int) (f + Math.round(off / 1000 * sampleRate));
                System.arraycopy(b, 0, s, at, b.length);
            }
        }
        return s;
    }

    /**
     * Where each marker starts in {@link #playbackSignal}.
     *
     * @param sampleRate in Hz
     * @param markers how many
     * @return frames
     */
    public static long[] markerFrames(float sampleRate, int markers) {
        checkMarkers(markers);
        long[] f = new long[markers];
        for (int i = 0; i < markers; i++) {
            f[i] = Math.round((LEAD_S + i * MARKER_PERIOD_S) * sampleRate);
        }
        return f;
    }

    private static void checkMarkers(int markers) {
        if (markers < 1 || markers > 100) {
            throw new IllegalArgumentException("markers must be between 1 and 100, was " + markers);
        }
    }
}
