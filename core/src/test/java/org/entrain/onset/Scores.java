package org.entrain.onset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal onset scorer for tests: one-to-one matching of detections to truth within a window
 * (nearest first, as mir_eval's onset F-measure does for well separated onsets), F-measure and
 * timing errors. Test scope only (public for the audio, cancel and calibration tests and the
 * benchmarks' tests): {@code org.entrain.analysis} has the full version.
 */
public final class Scores {

    public final int truth;
    public final int detected;
    public final int matched;
    public final double[] errorsMs;
    public final List<Long> unmatchedDetections;

    private Scores(int truth, int detected, int matched, double[] errorsMs, List<Long> unmatched) {
        this.truth = truth;
        this.detected = detected;
        this.matched = matched;
        this.errorsMs = errorsMs;
        this.unmatchedDetections = unmatched;
    }

    public static Scores match(long[] truthNanos, long[] detectedNanos, double windowMs) {
        long window = Math.round(windowMs * 1e6);
        boolean[] used = new boolean[detectedNanos.length];
        double[] errors = new double[truthNanos.length];
        int m = 0;
        for (long t : truthNanos) {
            int best = -1;
            long bestAbs = Long.MAX_VALUE;
            for (int j = 0; j < detectedNanos.length; j++) {
                long abs = Math.abs(detectedNanos[j] - t);
                if (!used[j] && abs <= window && abs < bestAbs) {
                    best = j;
                    bestAbs = abs;
                }
            }
            if (best >= 0) {
                used[best] = true;
                errors[m++] = (detectedNanos[best] - t) / 1e6;
            }
        }
        List<Long> unmatched = new ArrayList<>();
        for (int j = 0; j < detectedNanos.length; j++) {
            if (!used[j]) {
                unmatched.add(detectedNanos[j]);
            }
        }
        return new Scores(truthNanos.length, detectedNanos.length, m, Arrays.copyOf(errors, m), unmatched);
    }

    public double precision() {
        return detected == 0 ? 0 : matched / (double) detected;
    }

    public double recall() {
        return truth == 0 ? 0 : matched / (double) truth;
    }

    public double fMeasure() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double medianErrorMs() {
        return quantile(errorsMs.clone(), 0.5);
    }

    public double p95AbsErrorMs() {
        double[] abs = new double[errorsMs.length];
        for (int i = 0; i < abs.length; i++) {
            abs[i] = Math.abs(errorsMs[i]);
        }
        return quantile(abs, 0.95);
    }

    private static double quantile(double[] v, double q) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    public static long[] nanos(long[] frames, float rate) {
        long[] out = new long[frames.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(frames[i] * 1e9 / rate);
        }
        return out;
    }

    public static long[] times(List<Onset> onsets) {
        return onsets.stream().mapToLong(Onset::timeNanos).toArray();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "F=%.4f P=%.4f R=%.4f n=%d/%d median=%.3f ms p95|e|=%.3f ms",
                fMeasure(), precision(), recall(), detected, truth, medianErrorMs(), p95AbsErrorMs());
    }
}
