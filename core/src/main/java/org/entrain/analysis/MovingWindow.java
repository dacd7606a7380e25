package org.entrain.analysis;

/**
 * Asynchrony statistics over the last N matched cues, for live display (for example "R over the
 * last 16 steps"). Not thread safe: one thread adds and reads. Allocation free after construction.
 */
public final class MovingWindow {

    private final double[] async;
    private final double[] sin;
    private final double[] cos;
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
    }
}
