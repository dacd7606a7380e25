package org.entrain.analysis;

/**
 * Circular statistics of phases: mean direction, resultant length R and the Rayleigh test of
 * uniformity (Zar's approximation of p). Immutable.
 *
 * @param n how many angles
 * @param meanDirectionRad mean direction atan2(mean sin, mean cos), radians in (-pi, pi]; NaN if n is 0 or R is 0
 * @param resultantLength R = |mean of e^(i theta)|, 0 (no synchrony) .. 1 (perfect); NaN if n is 0
 * @param rayleighZ z = n R^2; NaN if n is 0
 * @param rayleighP p = exp(sqrt(1 + 4n + 4(n^2 - (nR)^2)) - (1 + 2n)), clamped to 0..1; NaN if n is 0
 */
public record CircularStats(int n, double meanDirectionRad, double resultantLength, double rayleighZ, double rayleighP) {

    /** No angles: every field NaN. */
    public static final CircularStats EMPTY = new CircularStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /**
     * Validates.
     *
     * @param n see the record
     * @param meanDirectionRad see the record
     * @param resultantLength see the record
     * @param rayleighZ see the record
     * @param rayleighP see the record
     * @throws IllegalArgumentException if n is negative or R outside 0..1
     */
    public CircularStats {
        if (n < 0) {
            throw new IllegalArgumentException("circular stats n must be >= 0, was " + n);
        }
        if (resultantLength < 0 || resultantLength > 1 + 1e-9) {
            throw new IllegalArgumentException("resultant length must be within 0..1, was " + resultantLength);
        }
    }

    /**
     * Computes the statistics of some angles.
     *
     * @param anglesRad angles in radians, all finite
     * @return the statistics ({@link #EMPTY} for no angles)
     * @throws IllegalArgumentException if an angle is not finite
     */
    public static CircularStats of(double[] anglesRad) {
        return of(anglesRad, anglesRad.length);
    }

    /**
     * Computes the statistics of the first {@code n} angles.
     *
     * @param anglesRad angles in radians
     * @param n how many to use, 0 .. length
     * @return the statistics
     * @throws IllegalArgumentException if an angle is not finite
     */
    public static CircularStats of(double[] anglesRad, int n) {
        if (n == 0) {
            return EMPTY;
        }
        double s = 0;
        double c = 0;
        for (int i = 0; i < n; i++) {
            double a = anglesRad[i];
            if (!Double.isFinite(a)) {
                throw new IllegalArgumentException("angle " + i + " must be finite, was " + a);
            }
            s += Math.sin(a);
            c += Math.cos(a);
        }
        double ms = s / n;
        double mc = c / n;
        double r = Math.min(1.0, Math.hypot(ms, mc));
        double dir = r == 0 ? Double.NaN : Math.atan2(ms, mc);
        double z = n * r * r;
        double nr = n * r;
        // Zar (2010), Biostatistical Analysis, eq. 27.4.
        double p = Math.exp(Math.sqrt(1 + 4.0 * n + 4.0 * ((double) n * n - nr * nr)) - (1 + 2.0 * n));
        p = Math.max(0, Math.min(1, p));
        return new CircularStats(n, dir, r, z, p);
    }

    /**
     * The mean direction in degrees.
     *
     * @return degrees in (-180, 180], or NaN
     */
    public double meanDirectionDeg() {
        return Math.toDegrees(meanDirectionRad);
    }
}
