package org.entrain.calibration;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongUnaryOperator;
import org.entrain.onset.Calibration;

/**
 * Stateless and thread safe: finds the {@link CalibrationSignal} markers in a recording and
 * computes the latency from them.
 *
 * <p>Each marker is found by normalized cross-correlation of the recording with the three known
 * bursts (a matched filter; normalized, so a louder unrelated sound cannot win) and interpolating
 * the peak to a fraction of a sample, so the latency does not depend on any detector's own delay.
 * Several markers give the mean and spread; markers at the start and end of a session (combine two
 * {@link Result}s) give the drift between output and input clocks.
 */
public final class MarkerAnalysis {

    private MarkerAnalysis() {
    }

    /**
     * One calibration run: safe to share between threads once published, provided nobody writes to
     * its arrays (they are not copied).
     *
     * @param emitNanos when each marker was played, engine nanos
     * @param arrivalNanos when each arrived on the input, engine nanos
     * @param scores each marker's normalized correlation, -1..1 (above 0.5: clearly found)
     * @param calibration the latency computed from them
     */
    public record Result(long[] emitNanos, long[] arrivalNanos, double[] scores, Calibration calibration) {
        /**
         * Validates.
         *
         * @throws IllegalArgumentException if the arrays differ in length
         */
        public Result {
            if (emitNanos.length != arrivalNanos.length || emitNanos.length != scores.length) {
                throw new IllegalArgumentException("result arrays must have the same length");
            }
        }

        /**
         * The latency of each marker.
         *
         * @return ns, arrival minus emit
         */
        public long[] latenciesNanos() {
            long[] l = new long[emitNanos.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = arrivalNanos[i] - emitNanos[i];
            }
            return l;
        }

        /**
         * Combines two runs (the start and end of a session) into one calibration with drift.
         *
         * @param later the later run
         * @return the calibration over both
         */
        public Calibration combine(Result later) {
            long[] e = concat(emitNanos, later.emitNanos);
            long[] a = concat(arrivalNanos, later.arrivalNanos);
            return Calibration.fromMarkers(e, a);
        }

        private static long[] concat(long[] x, long[] y) {
            long[] r = Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, r, x.length, y.length);
            return r;
        }
    }

    /**
     * Finds markers in a recording.
     *
     * @param recording mono input samples
     * @param sampleRate in Hz
     * @param emitNanos when each marker was played, engine nanos
     * @param inputFrameToNanos maps an input frame to engine nanos
     * @param nanosToInputFrame the inverse
     * @param maxLatencyMs the largest latency to search for, ms (1..2000)
     * @return the result; a marker not found has score below 0.5
     * @throws IllegalArgumentException if a value is out of range
     * @throws IllegalStateException if the markers' latencies imply an impossible drift (over 1 %)
     */
    public static Result analyse(float[] recording, float sampleRate, long[] emitNanos, LongUnaryOperator inputFrameToNanos,
                                 LongUnaryOperator nanosToInputFrame, double maxLatencyMs) {
        if (!(maxLatencyMs >= 1 && maxLatencyMs <= 2000)) {
            throw new IllegalArgumentException("maxLatencyMs must be between 1 and 2000, was " + maxLatencyMs);
        }
        float[] b = CalibrationSignal.burst(sampleRate);
        int[] offs = new int[CalibrationSignal.BURST_OFFSETS_MS.length];
        for (int k = 0; k < offs.length; k++) {
            offs[k] = (int) Math.round(CalibrationSignal.BURST_OFFSETS_MS[k] / 1000 * sampleRate);
        }
        double burstEnergy = 0;
        for (float v : b) {
            burstEnergy += v * v;
        }
        int span = offs[offs.length - 1] + b.length;
        double[] prefix = new double[recording.length + 1];
        for (int i = 0; i < recording.length; i++) {
            prefix[i + 1] = prefix[i] + (double) recording[i] * recording[i];
        }
        long[] arrival = new long[emitNanos.length];
        double[] scores = new double[emitNanos.length];
        long firstLatency = 0;
        for (int m = 0; m < emitNanos.length; m++) {
            // The first marker is searched over the whole latency range (the line's reported
            // position may run ahead of the sound, so from -200 ms); the others near the first's
            // latency, +-50 ms, so that identical markers 1 s apart cannot be confused.
            long expected = nanosToInputFrame.applyAsLong(emitNanos[m]);
            long from;
            long to;
            if (m == 0) {
                from = expected - Math.round(0.2 * sampleRate);
                to = expected + Math.round(maxLatencyMs / 1000 * sampleRate);
            } else {
                from = expected + firstLatency - Math.round(0.05 * sampleRate);
                to = expected + firstLatency + Math.round(0.05 * sampleRate);
            }
            from = Math.max(0, from);
            to = Math.min(recording.length - span, to);
            // Normalized cross-correlation, so that a louder unrelated sound cannot win.
            double best = -Double.MAX_VALUE;
            long bestLag = -1;
            double[] c = new double[(int) Math.max(0, to - from + 1)];
            for (long lag = from; lag <= to; lag++) {
                double sum = 0;
                double energy = 0;
                for (int off : offs) {
                    int base = (int) lag + off;
                    for (int i = 0; i < b.length; i++) {
                        sum += recording[base + i] * b[i];
                    }
                    energy += prefix[base + b.length] - prefix[base];
                }
                double score = energy > 0 ? sum / Math.sqrt(offs.length * burstEnergy * energy) : 0;
                c[(int) (lag - from)] = score;
                if (score > best) {
                    best = score;
                    bestLag = lag;
                }
            }
            if (bestLag < 0) {
                arrival[m] = emitNanos[m];
                scores[m] = 0;
                continue;
            }
            double frac = 0;
            int i0 = (int) (bestLag - from);
            if (i0 > 0 && i0 < c.length - 1) {
                double den = c[i0 - 1] - 2 * c[i0] + c[i0 + 1];
                if (den < 0) {
                    frac = 0.5 * (c[i0 - 1] - c[i0 + 1]) / den;
                }
            }
            scores[m] = best;
            if (m == 0) {
                firstLatency = bestLag - expected;
            }
            arrival[m] = inputFrameToNanos.applyAsLong(bestLag) + Math.round(frac * 1e9 / sampleRate);
        }
        Calibration cal;
        try {
            cal = Calibration.fromMarkers(emitNanos, arrival);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("calibration markers disagree (" + describe(emitNanos, arrival, scores)
                    + "): other sound on the input, or the output underran; " + e.getMessage());
        }
        return new Result(emitNanos.clone(), arrival, scores, cal);
    }

    private static String describe(long[] emit, long[] arrival, double[] scores) {
        StringBuilder b = new StringBuilder("latencies");
        for (int i = 0; i < emit.length; i++) {
            b.append(String.format(Locale.ROOT, " %.2f ms (r %.2f)", (arrival[i] - emit[i]) / 1e6, scores[i]));
        }
        return b.toString();
    }
}
