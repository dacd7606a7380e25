package org.entrain.analysis;

/**
 * Bounded generalized least squares (bGLS) for the linear phase-correction model, implemented
 * from Jacoby, Tishby, Repp, Ahissar and Keller (2015), Timing and Time Perception 3:52-87.
 * Stateless and thread safe.
 *
 * <p>Model (Vorberg and Wing 1996): {@code A[k+1] = (1 - alpha) A[k] + T[k] + M[k+1] - M[k] - C}.
 * Written as {@code I[k] - P = -alpha A[k] + e[k]} with {@code I[k]} the inter-tap interval from
 * tap k to k+1, {@code P} the nominal cue period and {@code e[k] = (T[k] - P) + M[k+1] - M[k]}
 * an MA(1) noise: {@code var e = K11 = sigmaT^2 + 2 sigmaM^2}, lag-1 covariance
 * {@code K12 = -sigmaM^2}. Both sides are centred (their means absorb {@code mean T - P}); the
 * slope is fitted by GLS with the tridiagonal covariance, the covariance re-estimated from the
 * residuals and bounded ({@code K12 <= 0}, {@code K11 >= -3 K12}), and the two steps iterated
 * (at most 20 times, until the slope moves less than 1e-3). Then {@code alpha = -slope},
 * {@code sigmaM = sqrt(-K12)}, {@code sigmaT = sqrt(K11 - 2 sigmaM^2)}.
 */
public final class Bgls {

    /** Iteration limit (Jacoby et al. 2015). */
    public static final int MAX_ITERATIONS = 20;
    /** Convergence tolerance on the slope. */
    public static final double TOLERANCE = 1e-3;
    /** Fewest pairs bGLS is run on. */
    public static final int MIN_PAIRS = 10;

    private Bgls() {
    }

    /**
     * Fits one contiguous sequence: {@code asyncMs[k]} and the interval from tap k to tap k+1
     * minus the nominal period, {@code intervalMinusPeriodMs[k]}.
     *
     * @param asyncMs asynchronies A[k], ms
     * @param intervalMinusPeriodMs I[k] - P, ms, same length
     * @return the estimates
     * @throws IllegalArgumentException if the lengths differ or a value is not finite
     */
    public static PhaseCorrection fit(double[] asyncMs, double[] intervalMinusPeriodMs) {
        boolean[] linked = new boolean[asyncMs.length];
        for (int i = 1; i < linked.length; i++) {
            linked[i] = true;
        }
        return fit(asyncMs, intervalMinusPeriodMs, linked);
    }

    /**
     * Fits pairs that may come from several contiguous runs (a missed cue breaks a run).
     *
     * @param asyncMs asynchronies A[k], ms
     * @param intervalMinusPeriodMs I[k] - P, ms, same length
     * @param linkedToPrevious whether pair i directly follows pair i-1 (their noises share a motor
     *                         delay); same length, element 0 ignored
     * @return the estimates (NaN with a note when fewer than {@link #MIN_PAIRS} pairs or the
     *         asynchronies do not vary)
     * @throws IllegalArgumentException if the lengths differ or a value is not finite
     */
    public static PhaseCorrection fit(double[] asyncMs, double[] intervalMinusPeriodMs, boolean[] linkedToPrevious) {
        int n = asyncMs.length;
        if (intervalMinusPeriodMs.length != n || linkedToPrevious.length != n) {
            throw new IllegalArgumentException("bGLS inputs must have equal lengths, were " + n + ", "
                    + intervalMinusPeriodMs.length + ", " + linkedToPrevious.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(asyncMs[i]) || !Double.isFinite(intervalMinusPeriodMs[i])) {
                throw new IllegalArgumentException("bGLS pair " + i + " must be finite, was " + asyncMs[i] + ", "
                        + intervalMinusPeriodMs[i]);
            }
        }
        if (n < MIN_PAIRS) {
            return PhaseCorrection.notEstimable(n, "phase correction needs at least " + MIN_PAIRS
                    + " consecutive matched taps, had " + n);
        }
        double[] x = centred(asyncMs);
        double[] y = centred(intervalMinusPeriodMs);
        double[] u = new double[n];
        double[] v = new double[n];
        double[] scratch = new double[n];
        double k11 = 1;
        double k12 = 0;
        double slope = Double.NaN;
        int it = 0;
        boolean converged = false;
        while (it < MAX_ITERATIONS) {
            it++;
            solveTridiagonal(k11, k12, linkedToPrevious, x, u, scratch);
            solveTridiagonal(k11, k12, linkedToPrevious, y, v, scratch);
            double xu = dot(x, u);
            if (!(xu > 1e-12)) {
                return PhaseCorrection.notEstimable(n, "asynchronies do not vary, so phase correction cannot be estimated");
            }
            double next = dot(x, v) / xu;
            double s11a = 0;
            double s11b = 0;
            double s12 = 0;
            double ma = 0;
            double mb = 0;
            int m = 0;
            for (int i = 1; i < n; i++) {
                if (linkedToPrevious[i]) {
                    ma += y[i - 1] - next * x[i - 1];
                    mb += y[i] - next * x[i];
                    m++;
                }
            }
            if (m >= 2) {
                ma /= m;
                mb /= m;
                for (int i = 1; i < n; i++) {
                    if (linkedToPrevious[i]) {
                        double a = y[i - 1] - next * x[i - 1] - ma;
                        double b = y[i] - next * x[i] - mb;
                        s11a += a * a;
                        s11b += b * b;
                        s12 += a * b;
                    }
                }
                k11 = (s11a + s11b) / (2.0 * (m - 1));
                k12 = s12 / (m - 1);
            } else {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    double z = y[i] - next * x[i];
                    s += z * z;
                }
                k11 = s / (n - 1);
                k12 = 0;
            }
            k12 = Math.min(k12, 0);
            k11 = Math.max(k11, -3 * k12);
            if (!(k11 > 0)) {
                k11 = 1e-12;
            }
            boolean done = Math.abs(next - slope) < TOLERANCE;
            slope = next;
            if (done) {
                converged = true;
                break;
            }
        }
        // max(0.0, .) also turns -0.0 (k12 == 0 at the constraint) into 0.0.
        double sigmaM = Math.sqrt(Math.max(0.0, -k12));
        double sigmaT = Math.sqrt(Math.max(0, k11 - 2 * sigmaM * sigmaM));
        String note = converged ? "" : "bGLS did not converge in " + MAX_ITERATIONS + " iterations";
        return new PhaseCorrection(n, -slope, sigmaT, sigmaM, it, converged, note);
    }

    private static double[] centred(double[] a) {
        double m = Stats.mean(a, a.length);
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] - m;
        }
        return c;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Solves K out = rhs for the symmetric tridiagonal K with k11 on the diagonal and k12 between
     * linked neighbours (Thomas algorithm; K is diagonally dominant since k11 >= 3 |k12|).
     */
    static void solveTridiagonal(double k11, double k12, boolean[] linked, double[] rhs, double[] out, double[] c) {
        int n = rhs.length;
        double denom = k11;
        c[0] = 0;
        out[0] = rhs[0] / denom;
        for (int i = 1; i < n; i++) {
            double sub = linked[i] ? k12 : 0;
            double supPrev = sub; // symmetric: K[i-1][i] == K[i][i-1]
            c[i - 1] = supPrev / denom;
            denom = k11 - sub * c[i - 1];
            out[i] = (rhs[i] - sub * out[i - 1]) / denom;
        }
        for (int i = n - 2; i >= 0; i--) {
            out[i] -= c[i] * out[i + 1];
        }
    }
}
