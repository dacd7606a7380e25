package org.entrain.analysis;

/**
 * How inter-tap intervals follow the cue intervals during a tempo change: the regression
 * {@code ITI[k] = intercept + slope IOI[k]} (slope near 1 = the client keeps up) and the
 * lag-0 and lag-1 cross-correlations of ITI with IOI; Repp's prediction/tracking ratio
 * {@code r0 / r1} is above 1 when the client anticipates the change, below 1 when it lags one
 * beat behind. Immutable.
 *
 * @param n interval pairs used
 * @param slope regression slope of ITI on IOI (NaN if the IOI does not vary: SD below {@link #MIN_IOI_SD_MS})
 * @param interceptMs regression intercept, ms
 * @param lag0Correlation corr(ITI[k], IOI[k])
 * @param lag1Correlation corr(ITI[k], IOI[k-1])
 * @param predictionTrackingRatio lag0 / lag1
 * @param meanLagBeats mean ITI minus mean IOI divided by the mean change of IOI per beat: how many beats the client trails the ramp (NaN if the IOI does not change)
 */
public record TempoTracking(int n, double slope, double interceptMs, double lag0Correlation, double lag1Correlation,
                            double predictionTrackingRatio, double meanLagBeats) {

    /** Below this IOI standard deviation, ms, the tempo is constant and slope, intercept, correlation and lag are NaN. */
    public static final double MIN_IOI_SD_MS = 0.5;

    /** Nothing to compute. */
    public static final TempoTracking EMPTY = new TempoTracking(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);

    /**
     * Validates.
     *
     * @param n see the record
     * @param slope see the record
     * @param interceptMs see the record
     * @param lag0Correlation see the record
     * @param lag1Correlation see the record
     * @param predictionTrackingRatio see the record
     * @param meanLagBeats see the record
     * @throws IllegalArgumentException if n is negative
     */
    public TempoTracking {
        if (n < 0) {
            throw new IllegalArgumentException("tempo tracking n must be >= 0, was " + n);
        }
    }

    /**
     * Computes from paired intervals.
     *
     * @param itiMs inter-tap intervals, ms
     * @param ioiMs the cue intervals they span, ms, same length
     * @return the figures ({@link #EMPTY} below 3 pairs)
     * @throws IllegalArgumentException if the lengths differ
     */
    public static TempoTracking of(double[] itiMs, double[] ioiMs) {
        int n = itiMs.length;
        if (ioiMs.length != n) {
            throw new IllegalArgumentException("ITI and IOI must have equal lengths, were " + n + ", " + ioiMs.length);
        }
        if (n < 3) {
            return EMPTY;
        }
        double mx = Stats.mean(ioiMs, n);
        double my = Stats.mean(itiMs, n);
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = ioiMs[i] - mx;
            double dy = itiMs[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        // A constant tempo leaves only rounding in the IOI (nanoseconds): a slope fitted to that is
        // noise divided by almost nothing (values like 1 429 930 were printed). No slope unless the
        // IOI varies by 0.5 ms (SD) or more.
        boolean varies = sxx / n >= MIN_IOI_SD_MS * MIN_IOI_SD_MS;
        double slope = varies ? sxy / sxx : Double.NaN;
        double intercept = varies ? my - slope * mx : Double.NaN;
        double r0 = varies && syy > 1e-12 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
        double r1 = varies ? correlation(itiMs, 1, ioiMs, 0, n - 1) : Double.NaN;
        double change = (ioiMs[n - 1] - ioiMs[0]) / (n - 1);
        // ITI[k] = IOI[k - L] = IOI[k] - L change, so L = (mean IOI - mean ITI) / change
        double lag = varies && Math.abs(change) > 1e-9 ? (mx - my) / change : Double.NaN;
        return new TempoTracking(n, slope, intercept, r0, r1, r0 / r1, lag);
    }

    private static double correlation(double[] a, int ao, double[] b, int bo, int n) {
        if (n < 3) {
            return Double.NaN;
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[ao + i];
            mb += b[bo + i];
        }
        ma /= n;
        mb /= n;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int i = 0; i < n; i++) {
            double da = a[ao + i] - ma;
            double db = b[bo + i] - mb;
            saa += da * da;
            sbb += db * db;
            sab += da * db;
        }
        return saa > 1e-12 && sbb > 1e-12 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }
}
