package org.entrain.analysis;

/**
 * Asynchrony statistics over the last N matched cues and interval statistics over the last N
 * inter-tap intervals, for live display (for example "R over the
 * last 16 steps"). Not thread safe: one thread adds and reads. Allocation free after construction.
 */
public final class MovingWindow {

    private final double[] async;
    private final double[] sin;
    private final double[] cos;
    private final double[] iti;
    private int itiCount;
    private int itiNext;
    private double sumIti;
    private double sumIti2;
    private double lastTap = Double.NaN;
    private int count;
    private int next;
    private double sumAsync;
    private double sumSin;
    private double sumCos;

    /**
     * Creates an empty window.
     *
     * @param size matched cues kept, 2 .. 100 000
     */
    public MovingWindow(int size) {
        if (size < 2 || size > 100_000) {
            throw new IllegalArgumentException("moving window size must be 2 to 100000 cues, was " + size);
        }
        async = new double[size];
        sin = new double[size];
        cos = new double[size];
        iti = new double[size];
    }

    /**
     * Adds one tap (matched or not) for the interval statistics: the interval from the previous
     * tap enters the window, dropping the oldest when full.
     *
     * @param tapSeconds the tap time, seconds, finite, not before the previous tap
     * @throws IllegalArgumentException if the time is not finite or earlier than the previous tap
     */
    public void addTap(double tapSeconds) {
        if (!Double.isFinite(tapSeconds) || tapSeconds < lastTap) {
            throw new IllegalArgumentException("tap time must be finite and not before the previous tap (" + lastTap
                    + " s), was " + tapSeconds);
        }
        if (!Double.isNaN(lastTap)) {
            double v = (tapSeconds - lastTap) * 1000;
            if (itiCount == iti.length) {
                sumIti -= iti[itiNext];
                sumIti2 -= iti[itiNext] * iti[itiNext];
            } else {
                itiCount++;
            }
            iti[itiNext] = v;
            sumIti += v;
            sumIti2 += v * v;
            itiNext = (itiNext + 1) % iti.length;
        }
        lastTap = tapSeconds;
    }

    /**
     * Mean inter-tap interval over the window.
     *
     * @return ms, NaN before two taps
     */
    public double itiMeanMs() {
        return itiCount == 0 ? Double.NaN : sumIti / itiCount;
    }

    /**
     * Sample SD of the inter-tap intervals over the window.
     *
     * @return ms, NaN below two intervals
     */
    public double itiSdMs() {
        if (itiCount < 2) {
            return Double.NaN;
        }
        double m = sumIti / itiCount;
        return Math.sqrt(Math.max(0, (sumIti2 - itiCount * m * m) / (itiCount - 1)));
    }

    /**
     * Cadence over the window.
     *
     * @return taps or steps per minute, NaN before two taps
     */
    public double cadencePerMin() {
        double m = itiMeanMs();
        return m > 0 ? 60_000 / m : Double.NaN;
    }

    /**
     * Adds one matched cue, dropping the oldest when full.
     *
     * @param asynchronyMs tap minus cue, ms, finite
     * @param ioiMs the cue interval, ms, above 0
     * @throws IllegalArgumentException if a value is out of range
     */
    public void add(double asynchronyMs, double ioiMs) {
        if (!Double.isFinite(asynchronyMs) || !(ioiMs > 0) || !Double.isFinite(ioiMs)) {
            throw new IllegalArgumentException("moving window needs a finite asynchrony and an IOI above 0, were "
                    + asynchronyMs + ", " + ioiMs);
        }
        if (count == async.length) {
            sumAsync -= async[next];
            sumSin -= sin[next];
            sumCos -= cos[next];
        } else {
            count++;
        }
        double theta = 2 * Math.PI * asynchronyMs / ioiMs;
        async[next] = asynchronyMs;
        sin[next] = Math.sin(theta);
        cos[next] = Math.cos(theta);
        sumAsync += asynchronyMs;
        sumSin += sin[next];
        sumCos += cos[next];
        next = (next + 1) % async.length;
    }

    /**
     * Matched cues in the window.
     *
     * @return 0 .. size
     */
    public int count() {
        return count;
    }

    /**
     * Mean asynchrony over the window.
     *
     * @return ms, NaN when empty
     */
    public double meanAsynchronyMs() {
        return count == 0 ? Double.NaN : sumAsync / count;
    }

    /**
     * Resultant length R over the window.
     *
     * @return 0..1, NaN when empty
     */
    public double resultantLength() {
        return count == 0 ? Double.NaN : Math.min(1.0, Math.hypot(sumSin, sumCos) / count);
    }

    /**
     * Mean phase direction over the window.
     *
     * @return degrees, NaN when empty
     */
    public double meanDirectionDeg() {
        return count == 0 ? Double.NaN : Math.toDegrees(Math.atan2(sumSin, sumCos));
    }

    /** Empties the window. */
    public void clear() {
        count = 0;
        next = 0;
        sumAsync = 0;
        sumSin = 0;
        sumCos = 0;
        itiCount = 0;
        itiNext = 0;
        sumIti = 0;
        sumIti2 = 0;
        lastTap = Double.NaN;
    }
}
