package org.entrain.analysis;

/**
 * Linear phase-correction estimates (Vorberg and Wing 1996 model, fitted by bGLS). Immutable.
 *
 * @param n how many (asynchrony, next interval) pairs were used
 * @param alpha the phase-correction gain (0 = none, 1 = full correction of each asynchrony); NaN if not estimable
 * @param sigmaTMs timekeeper noise SD, ms; NaN if not estimable
 * @param sigmaMMs motor noise SD, ms; NaN if not estimable
 * @param iterations bGLS iterations run
 * @param converged whether the slope changed by less than the tolerance before the iteration limit
 * @param note why a value is NaN or suspect, or empty
 */
public record PhaseCorrection(int n, double alpha, double sigmaTMs, double sigmaMMs, int iterations, boolean converged,
                              String note) {

    /**
     * Validates.
     *
     * @param n see the record
     * @param alpha see the record
     * @param sigmaTMs see the record
     * @param sigmaMMs see the record
     * @param iterations see the record
     * @param converged see the record
     * @param note see the record
     * @throws IllegalArgumentException if n or iterations is negative or the note is null
     */
    public PhaseCorrection {
        if (n < 0 || iterations < 0) {
            throw new IllegalArgumentException("phase correction n and iterations must be >= 0, were " + n + ", " + iterations);
        }
        if (note == null) {
            throw new IllegalArgumentException("phase correction note must not be null (use \"\")");
        }
    }

    /**
     * A result that could not be estimated.
     *
     * @param n pairs available
     * @param why the reason
     * @return NaN estimates with the reason
     */
    public static PhaseCorrection notEstimable(int n, String why) {
        return new PhaseCorrection(n, Double.NaN, Double.NaN, Double.NaN, 0, false, why);
    }
}
