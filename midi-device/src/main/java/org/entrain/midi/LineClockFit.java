package org.entrain.midi;

/**
 * The output line's clock rate, fitted robustly from one lateness per block of writes (the block's
 * earliest write: a lower envelope, its noise one-sided, late). Not thread safe: the line's writer
 * thread only. Allocation free: every array is preallocated.
 *
 * <p>Four things break a plain least-squares line through those blocks, all seen on PulseAudio
 * (eight write traces of a loaded machine are in the tests): a block whose writes were all late
 * (the server woke late for seconds: one block lies 5-12 ms late, the next is back on the line);
 * an underrun (the line's delay changes for good, by +9 to +670 ms or -40 to -420 ms); a transient
 * in the first seconds (the server taking audio faster while it sets the stream up: the first
 * blocks alone fitted 3293 ppm against a true 300); and blocks close in time (0.2-0.5 s apart:
 * a block ends at the first write after 2 s, its earliest write is anywhere in it), whose slope is
 * noise. So:
 *
 * <ul>
 *   <li>Once the window holds {@value #READY_BLOCKS} blocks over {@value #MIN_SPAN_SECONDS} s, a
 *       block more than {@value #STEP_NANOS} ns off the line is held. It is a <em>step</em> (an
 *       underrun) only when the next {@value #CONFIRM_BLOCKS} blocks lie off by the same amount,
 *       within {@value #CONFIRM_NANOS} ns and of the same sign; the held blocks then start a new
 *       <em>segment</em>: every segment has its own intercept and all share one slope, so no
 *       estimate of the step's size enters the rate. Held late blocks that a block back on the
 *       line contradicts were outliers and are not fitted (early ones cannot be the envelope's
 *       noise and are). Held blocks that the next one contradicts while it lies off too: before a
 *       rate is known and off by growing amounts, they say the line is wrong (fitted to a start-up
 *       transient), and the fit starts again from them; otherwise the line's delay is moving (an
 *       underrun settling) and they are left out until {@value #CONFIRM_BLOCKS} + 1 blocks
 *       agree.</li>
 *   <li>The line is robust: its slope is the weighted median of the slopes between every two
 *       blocks of a segment, each weighted by their distance in time (Theil 1950, Indagationes
 *       Math. 12:85-91; Sen 1968, JASA 63:1379-1389; the weights as Sievers 1978, JASA
 *       73:628-631), over the last {@value #WINDOW} blocks; each segment's intercept is the median
 *       of its blocks' {@code y - slope * x}. The rate is then the least-squares slope through the
 *       blocks within {@value #INLIER_NANOS} ns of that line (its precision, without the transient
 *       or the outliers).</li>
 *   <li>A rate is {@link #ppm() published} only when it is consistent: at least
 *       {@value #READY_BLOCKS} blocks fitted, the newest among them, a standard error of at most
 *       half the rate but never more than {@value #MAX_ERROR_PPM} ppm (or at most
 *       {@value #MIN_ERROR_PPM} ppm), no more than {@value #MAX_PPM} ppm (a faster line is a
 *       transient, not a clock), and for the first rate, the slope over the earlier half of the
 *       blocks within its error (or {@value #MIN_ERROR_PPM} ppm) of the slope over all. While
 *       the newest blocks disagree the last rate stands.</li>
 * </ul>
 */
final class LineClockFit {

    /** Blocks the robust line is fitted over (2 s each: about a minute). */
    static final int WINDOW = 32;
    /** A block this far from the line is off it: an outlier, a step, or a sign of a wrong slope. */
    static final long STEP_NANOS = 5_000_000L;
    /** Blocks after an off block that must confirm a step (lie off by about as much). */
    static final int CONFIRM_BLOCKS = 2;
    /** How close to the first off block's distance the confirming blocks must lie. */
    static final long CONFIRM_NANOS = 3_000_000L;
    /** Blocks this close to the robust line go into the least-squares rate. */
    static final long INLIER_NANOS = 2_000_000L;
    /** Blocks fitted (within {@value #INLIER_NANOS} ns of the line) before a rate is published, and before blocks are told off the line. */
    static final int READY_BLOCKS = 4;
    /** The span of the window, seconds, before blocks are told off the line. */
    static final double MIN_SPAN_SECONDS = 4;
    /** The standard error, in ppm, below which a rate is published however small it is. */
    static final double MIN_ERROR_PPM = 25;
    /** The standard error, in ppm, above which no rate is published however large it is. */
    static final double MAX_ERROR_PPM = 100;
    /** The largest rate published, ppm: faster is the server's start-up, not its clock. */
    static final double MAX_PPM = 2000;

    // the window, oldest first from head: x in seconds, y (lateness) in nanos, segment number
    private final double[] xs = new double[WINDOW];
    private final double[] ys = new double[WINDOW];
    private final long[] segs = new long[WINDOW];
    private int head;
    private int size;
    private long segment;
    // blocks held off the line, waiting to be told a step or not
    private final double[] heldX = new double[CONFIRM_BLOCKS + 1];
    private final double[] heldY = new double[CONFIRM_BLOCKS + 1];
    private final double[] heldOff = new double[CONFIRM_BLOCKS + 1];
    private int held;
    // scratch for the medians
    private final double[] pairs = new double[WINDOW * (WINDOW - 1) / 2];
    private final double[] weights = new double[WINDOW * (WINDOW - 1) / 2];
    private final double[] scratch = new double[WINDOW];
    // per window slot (oldest first): its segment's intercept, whether it is within the inlier band
    private final double[] intercepts = new double[WINDOW];
    private final boolean[] inliers = new boolean[WINDOW];
    // the robust line: slope in nanos per second, the newest segment's intercept in nanos
    private double slope = Double.NaN;
    private double intercept;
    private double ppm = Double.NaN;
    private int steps;
    private int outliers;

    /**
     * Adds a block.
     *
     * @param xSeconds when the block's earliest write returned, seconds from the first write
     * @param lateNanos how late it was against the nominal rate (engine nanos minus frames at the
     *        nominal rate)
     */
    void add(double xSeconds, double lateNanos) {
        if (Double.isNaN(slope) || size < READY_BLOCKS || xs[at(size - 1)] - xs[head] < MIN_SPAN_SECONDS) {
            // too few blocks yet to tell a block off the line
            append(xSeconds, lateNanos);
            refit();
            return;
        }
        double off = lateNanos - (intercept + slope * xSeconds);
        if (held == 0) {
            if (Math.abs(off) > STEP_NANOS) {
                hold(xSeconds, lateNanos, off);
            } else {
                append(xSeconds, lateNanos);
                refit();
            }
            return;
        }
        if (Math.abs(off) <= STEP_NANOS) {
            // back on the line: late blocks before it were the envelope's late noise; an early one
            // cannot be noise and goes into the (robust) fit
            for (int i = 0; i < held; i++) {
                if (heldOff[i] > 0) {
                    outliers++;
                } else {
                    append(heldX[i], heldY[i]);
                }
            }
            held = 0;
            refit();
            add(xSeconds, lateNanos);
            return;
        }
        if (Double.isNaN(ppm)) {
            if (!agrees(off)) {
                if (Math.signum(off) == Math.signum(heldOff[0]) && Math.abs(off) > Math.abs(heldOff[0])) {
                    // no rate yet, and blocks off by growing amounts: the line was fitted to a
                    // start-up transient; the fit starts again from them
                    size = 0;
                    slope = Double.NaN;
                    for (int i = 0; i < held; i++) {
                        append(heldX[i], heldY[i]);
                    }
                    held = 0;
                    refit();
                    add(xSeconds, lateNanos);
                    return;
                }
                outliers += held;
                held = 0;
            }
        } else {
            // a known rate is not that wrong: the line's delay is moving (an underrun settling);
            // held blocks this one disagrees with are left out
            while (held > 0 && !agrees(off)) {
                outliers++;
                held--;
                System.arraycopy(heldX, 1, heldX, 0, held);
                System.arraycopy(heldY, 1, heldY, 0, held);
                System.arraycopy(heldOff, 1, heldOff, 0, held);
            }
        }
        hold(xSeconds, lateNanos, off);
        if (held > CONFIRM_BLOCKS) {
            // the line's delay changed for good (an underrun, or the server's buffering): a new segment
            segment++;
            steps++;
            for (int i = 0; i < held; i++) {
                append(heldX[i], heldY[i]);
            }
            held = 0;
            refit();
        }
    }

    /** Whether a block off the line by this much confirms the first held block's distance. */
    private boolean agrees(double off) {
        return held == 0 || (Math.signum(off) == Math.signum(heldOff[0]) && Math.abs(off - heldOff[0]) <= CONFIRM_NANOS);
    }

    /**
     * The rate, once consistent (see the class comment); after that, the last consistent rate
     * while the newest blocks disagree.
     *
     * @return ppm, positive when the line's clock runs fast; NaN until consistent
     */
    double ppm() {
        return ppm;
    }

    /**
     * Steps (underruns) confirmed so far.
     *
     * @return the count
     */
    int steps() {
        return steps;
    }

    /**
     * Late blocks taken as outliers (not fitted) so far.
     *
     * @return the count
     */
    int outliers() {
        return outliers;
    }

    private void hold(double x, double y, double off) {
        heldX[held] = x;
        heldY[held] = y;
        heldOff[held] = off;
        held++;
    }

    private void append(double x, double y) {
        int slot;
        if (size < WINDOW) {
            slot = (head + size) % WINDOW;
            size++;
        } else {
            slot = head;
            head = (head + 1) % WINDOW;
        }
        xs[slot] = x;
        ys[slot] = y;
        segs[slot] = segment;
    }

    private int at(int i) {
        return (head + i) % WINDOW;
    }

    /** The robust line through the window, then the least-squares rate through its inliers. */
    private void refit() {
        int m = 0;
        for (int i = 0; i < size; i++) {
            int a = at(i);
            for (int j = i + 1; j < size; j++) {
                int b = at(j);
                if (segs[a] == segs[b] && xs[b] != xs[a]) {
                    pairs[m] = (ys[b] - ys[a]) / (xs[b] - xs[a]);
                    weights[m] = Math.abs(xs[b] - xs[a]);
                    m++;
                }
            }
        }
        if (m == 0) {
            return;
        }
        slope = weightedMedian(pairs, weights, m);
        // each segment's intercept: the median of its blocks' y - slope x (segments are contiguous)
        for (int i = 0; i < size; ) {
            long s = segs[at(i)];
            int end = i;
            int k = 0;
            while (end < size && segs[at(end)] == s) {
                int a = at(end);
                scratch[k++] = ys[a] - slope * xs[a];
                end++;
            }
            double b = median(scratch, k);
            for (int j = i; j < end; j++) {
                intercepts[j] = b;
            }
            i = end;
        }
        intercept = intercepts[size - 1];
        int n = 0;
        for (int i = 0; i < size; i++) {
            int a = at(i);
            inliers[i] = Math.abs(ys[a] - (intercepts[i] + slope * xs[a])) <= INLIER_NANOS;
            if (inliers[i]) {
                n++;
            }
        }
        if (n < READY_BLOCKS || !inliers[size - 1]) {
            return;
        }
        // least squares through the inliers: one slope, an intercept per segment (the pooled
        // within-segment sums, so a step's size never enters the slope)
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        int groups = 0;
        double sxxEarly = 0;
        double sxyEarly = 0;
        int early = 0;
        int half = (n + 1) / 2;
        int seen = 0;
        for (int i = 0; i < size; ) {
            long s = segs[at(i)];
            int end = i;
            while (end < size && segs[at(end)] == s) {
                end++;
            }
            // two passes over the segment: its inliers' means, then the centred sums (all and the earlier half)
            double mx = 0;
            double my = 0;
            int k = 0;
            double mxe = 0;
            double mye = 0;
            int ke = 0;
            int counted = seen;
            for (int j = i; j < end; j++) {
                if (inliers[j]) {
                    int a = at(j);
                    k++;
                    mx += (xs[a] - mx) / k;
                    my += (ys[a] - my) / k;
                    if (counted < half) {
                        ke++;
                        mxe += (xs[a] - mxe) / ke;
                        mye += (ys[a] - mye) / ke;
                    }
                    counted++;
                }
            }
            if (k > 0) {
                groups++;
            }
            for (int j = i; j < end; j++) {
                if (inliers[j]) {
                    int a = at(j);
                    double dx = xs[a] - mx;
                    double dy = ys[a] - my;
                    sxx += dx * dx;
                    sxy += dx * dy;
                    syy += dy * dy;
                    if (seen < half) {
                        double ex = xs[a] - mxe;
                        sxxEarly += ex * ex;
                        sxyEarly += ex * (ys[a] - mye);
                        early++;
                    }
                    seen++;
                }
            }
            i = end;
        }
        int dof = n - groups - 1;
        if (!(sxx > 0) || dof < 1 || !(sxxEarly > 0)) {
            return;
        }
        double b = sxy / sxx;
        double sigma = Math.sqrt(Math.max(0, syy - b * sxy) / dof);
        double errorPpm = sigma / Math.sqrt(sxx) / 1e3;
        double earlyErrorPpm = sigma / Math.sqrt(sxxEarly) / 1e3;
        // lateness in ns per s of engine time: -1000 ns/s is a clock 1000 ppm fast
        double rate = -b / 1e3;
        double earlyRate = -sxyEarly / sxxEarly / 1e3;
        if (early < 2) {
            return;
        }
        if (Double.isNaN(ppm) && Math.abs(earlyRate - rate) > Math.max(MIN_ERROR_PPM, earlyErrorPpm)) {
            return;
        }
        if (errorPpm <= Math.max(MIN_ERROR_PPM, Math.min(MAX_ERROR_PPM, Math.abs(rate) / 2)) && Math.abs(rate) <= MAX_PPM) {
            ppm = rate;
        }
    }

    /**
     * The weighted median of the first n values: the smallest value at which the weights of those
     * up to it reach half of all; sorts both arrays in place by value (Shell's sort, Ciura's gaps).
     */
    private static double weightedMedian(double[] v, double[] w, int n) {
        for (int g = GAPS.length - 1; g >= 0; g--) {
            int gap = GAPS[g];
            for (int i = gap; i < n; i++) {
                double tv = v[i];
                double tw = w[i];
                int j = i;
                for (; j >= gap && v[j - gap] > tv; j -= gap) {
                    v[j] = v[j - gap];
                    w[j] = w[j - gap];
                }
                v[j] = tv;
                w[j] = tw;
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += w[i];
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += w[i];
            if (sum >= total / 2) {
                return v[i];
            }
        }
        return v[n - 1];
    }

    private static final int[] GAPS = {1, 4, 10, 23, 57, 132, 301};

    /** The median of the first n values, reordering them in place (Hoare's selection). */
    private static double median(double[] v, int n) {
        int k = n / 2;
        double upper = select(v, n, k);
        if ((n & 1) == 1) {
            return upper;
        }
        double lower = v[0];
        for (int i = 1; i < k; i++) {
            lower = Math.max(lower, v[i]);
        }
        return (lower + upper) / 2;
    }

    /** Puts the k-th smallest of the first n values at k, smaller ones before it; returns it. */
    private static double select(double[] v, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = v[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return v[k];
    }
}
