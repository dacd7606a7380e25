package org.entrain.clock;

/**
 * A least-squares line through (x, y) pairs, accumulated one pair at a time: the one clock-drift
 * fit of the project (audio frames against engine time, marker latency against time, a device
 * clock's lead over its mapping). Not thread safe: one owner thread. Allocation free.
 *
 * <p>Welford's updates of the means and of the centred sums of squares and cross products
 * (Welford 1962, Technometrics 4:419-420; the covariance form as in Knuth, TAOCP vol. 2,
 * 4.2.2), so that large offsets (engine nanos, frame counts) do not cancel as in
 * {@code n*sxy - sx*sy}. The slope can be pulled towards a prior ({@link #slopeToward}): ridge
 * regression, the weight in units of x squared. Residuals are the caller's to sum (a second
 * pass over its pairs): from the accumulated sums they would cancel.
 */
public final class LinearFit {

    private long n;
    private double meanX;
    private double meanY;
    private double sxx;
    private double sxy;
    private double syy;
    private double minX = Double.POSITIVE_INFINITY;
    private double maxX = Double.NEGATIVE_INFINITY;

    /** An empty fit. */
    public LinearFit() {
    }

    /**
     * Adds one pair.
     *
     * @param x the abscissa (e.g. seconds or frames from an anchor)
     * @param y the ordinate (e.g. nanos or micros from an anchor)
     */
    public void add(double x, double y) {
        n++;
        double dx = x - meanX;
        meanX += dx / n;
        double dy = y - meanY;
        meanY += dy / n;
        sxx += dx * (x - meanX);
        sxy += dx * (y - meanY);
        syy += dy * (y - meanY);
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
    }

    /** Forgets every pair. */
    public void clear() {
        n = 0;
        meanX = 0;
        meanY = 0;
        sxx = 0;
        sxy = 0;
        syy = 0;
        minX = Double.POSITIVE_INFINITY;
        maxX = Double.NEGATIVE_INFINITY;
    }

    /**
     * Pairs added.
     *
     * @return the count
     */
    public long count() {
        return n;
    }

    /**
     * Mean of x.
     *
     * @return the mean, 0 when empty
     */
    public double meanX() {
        return meanX;
    }

    /**
     * Mean of y.
     *
     * @return the mean, 0 when empty
     */
    public double meanY() {
        return meanY;
    }

    /**
     * The range of x: largest minus smallest.
     *
     * @return the span, 0 with fewer than two pairs
     */
    public double spanX() {
        return n < 2 ? 0 : maxX - minX;
    }

    /**
     * Whether the slope is defined: two or more distinct x.
     *
     * @return true if the x values vary
     */
    public boolean hasSlope() {
        return sxx > 0;
    }

    /**
     * The least-squares slope.
     *
     * @return dy/dx, or NaN if {@link #hasSlope()} is false
     */
    public double slope() {
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }

    /**
     * The standard error of the least-squares slope: the residuals' standard deviation (n - 2
     * degrees of freedom) over the square root of the spread of x.
     *
     * @return in y units per x unit; NaN with fewer than 3 points or no spread of x
     */
    public double slopeStandardError() {
        if (n < 3 || !(sxx > 0)) {
            return Double.NaN;
        }
        double rss = Math.max(0, syy - sxy * sxy / sxx);
        return Math.sqrt(rss / (n - 2) / sxx);
    }

    /**
     * The slope pulled towards a prior: minimises the squared residuals plus
     * {@code weight * (slope - prior)^2}.
     *
     * @param prior the prior slope
     * @param weight the prior's weight, in units of x squared (0 or more)
     * @return the slope
     */
    public double slopeToward(double prior, double weight) {
        return (sxy + weight * prior) / (sxx + weight);
    }

    /**
     * The line's value at x = 0 for a given slope through the means.
     *
     * @param slope the slope
     * @return the intercept
     */
    public double interceptFor(double slope) {
        return meanY - slope * meanX;
    }
}
