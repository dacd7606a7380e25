package org.entrain.analysis;

/**
 * Wing-Kristofferson decomposition of unpaced (continuation) inter-tap intervals:
 * {@code var(ITI) = sigmaC^2 + 2 sigmaM^2}, lag-1 autocovariance {@code = -sigmaM^2}
 * (Wing and Kristofferson 1973). Immutable.
 *
 * @param n intervals used
 * @param itiMeanMs mean interval, ms
 * @param itiVarianceMs2 interval variance, ms^2
 * @param lag1AutocovarianceMs2 lag-1 autocovariance, ms^2
 * @param sigmaCMs central timekeeper SD, ms (NaN if not estimable)
 * @param sigmaMMs motor delay SD, ms (0 when the autocovariance is positive, outside the model)
 * @param note why a value is NaN or bounded, or empty
 */
public record WingKristofferson(int n, double itiMeanMs, double itiVarianceMs2, double lag1AutocovarianceMs2,
                                double sigmaCMs, double sigmaMMs, String note) {

    /**
     * Validates.
     *
     * @param n see the record
     * @param itiMeanMs see the record
     * @param itiVarianceMs2 see the record
     * @param lag1AutocovarianceMs2 see the record
     * @param sigmaCMs see the record
     * @param sigmaMMs see the record
     * @param note see the record
     * @throws IllegalArgumentException if n is negative or the note null
     */
    public WingKristofferson {
        if (n < 0 || note == null) {
            throw new IllegalArgumentException("Wing-Kristofferson n must be >= 0 and note non-null, was " + n);
        }
    }

    /**
     * Estimates from consecutive inter-tap intervals.
     *
     * @param itiMs intervals in ms, all finite
     * @return the estimates (NaN with a note for fewer than 3 intervals)
     * @throws IllegalArgumentException if an interval is not finite
     */
    public static WingKristofferson of(double[] itiMs) {
        int n = itiMs.length;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(itiMs[i])) {
                throw new IllegalArgumentException("interval " + i + " must be finite, was " + itiMs[i]);
            }
        }
        if (n < 3) {
            return new WingKristofferson(n, Stats.mean(itiMs, n), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    "Wing-Kristofferson needs at least 3 intervals, had " + n);
        }
        double m = Stats.mean(itiMs, n);
        double var = 0;
        for (double v : itiMs) {
            var += (v - m) * (v - m);
        }
        var /= n - 1;
        double acov = 0;
        for (int i = 1; i < n; i++) {
            acov += (itiMs[i] - m) * (itiMs[i - 1] - m);
        }
        acov /= n - 1;
        String note = "";
        double sm2 = -acov;
        if (sm2 < 0) {
            sm2 = 0;
            note = "positive lag-1 autocovariance (drift?): motor variance bounded to 0";
        }
        double sc2 = var - 2 * sm2;
        if (sc2 < 0) {
            sc2 = 0;
            note = "lag-1 autocovariance below -var/2: timekeeper variance bounded to 0";
        }
        return new WingKristofferson(n, m, var, acov, Math.sqrt(sc2), Math.sqrt(sm2), note);
    }
}
