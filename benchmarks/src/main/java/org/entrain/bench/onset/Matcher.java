package org.entrain.bench.onset;

import java.util.Arrays;
import java.util.Locale;

/**
 * One-to-one matching of detections to truth within a window (nearest first; for onsets further
 * apart than twice the window this equals mir_eval's bipartite matching), F-measure and timing
 * errors. Not thread safe.
 */
final class Matcher {

    final int truth;
    final int detected;
    final int matched;
    final double[] errorsMs;
    final int falseAtCues;

    private Matcher(int truth, int detected, int matched, double[] errorsMs, int falseAtCues) {
        this.truth = truth;
        this.detected = detected;
        this.matched = matched;
        this.errorsMs = errorsMs;
        this.falseAtCues = falseAtCues;
    }

    static Matcher match(double[] truthS, double[] detectedS, double windowS, double[] cuesS) {
        boolean[] used = new boolean[detectedS.length];
        double[] errors = new double[truthS.length];
        int m = 0;
        for (double t : truthS) {
            int best = -1;
            double bestAbs = Double.MAX_VALUE;
            for (int j = 0; j < detectedS.length; j++) {
                double abs = Math.abs(detectedS[j] - t);
                if (!used[j] && abs <= windowS && abs < bestAbs) {
                    best = j;
                    bestAbs = abs;
                }
            }
            if (best >= 0) {
                used[best] = true;
                errors[m++] = (detectedS[best] - t) * 1000;
            }
        }
        int atCues = 0;
        for (int j = 0; j < detectedS.length; j++) {
            if (!used[j]) {
                for (double c : cuesS) {
                    if (Math.abs(detectedS[j] - c) <= windowS) {
                        atCues++;
                        break;
                    }
                }
            }
        }
        return new Matcher(truthS.length, detectedS.length, m, Arrays.copyOf(errors, m), atCues);
    }

    /** The sum of several matchings (pooled counts and errors). */
    static Matcher pool(java.util.List<Matcher> ms) {
        int t = 0;
        int d = 0;
        int m = 0;
        int c = 0;
        double[] e = new double[0];
        for (Matcher x : ms) {
            t += x.truth;
            d += x.detected;
            m += x.matched;
            c += x.falseAtCues;
            double[] n = Arrays.copyOf(e, e.length + x.errorsMs.length);
            System.arraycopy(x.errorsMs, 0, n, e.length, x.errorsMs.length);
            e = n;
        }
        return new Matcher(t, d, m, e, c);
    }

    double f() {
        double p = detected == 0 ? 0 : matched / (double) detected;
        double r = truth == 0 ? 0 : matched / (double) truth;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    static double quantile(double[] v, double q) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    String row(String name) {
        double[] abs = Arrays.stream(errorsMs).map(Math::abs).toArray();
        double mean = Arrays.stream(errorsMs).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(errorsMs).map(e -> (e - mean) * (e - mean)).sum() / Math.max(1, errorsMs.length - 1));
        return String.format(Locale.ROOT, "| %s | %.3f | %d/%d | %+.3f | %.3f | %+.2f +- %.2f | %d |", name, f(), matched, detected,
                quantile(errorsMs, 0.5), quantile(abs, 0.95), mean, sd, falseAtCues);
    }
}
