package org.entrain.schedule;

/**
 * The spin margin of the adaptive park-then-spin strategy: how long before a deadline to stop
 * parking and spin, following the park overshoot measured on this machine. Not thread safe:
 * one waiting thread (a race between two only blurs the estimate).
 *
 * <p>The estimate is a decaying peak of the overshoot (how much later than asked a park
 * returned): a larger overshoot raises it at once, smaller ones lower it by 1/64 of the
 * difference each, so one slow park lifts the margin for the next hundred or so waits (tens of
 * seconds at cue rates) and a quiet machine brings it down to the floor. The margin is 1.5 times
 * the peak plus 20 us, within [{@code minNanos}, {@code maxNanos}]: the floor keeps the spin
 * long enough to absorb the wake-up itself, the ceiling bounds the CPU (two waits per cue at
 * 8 cues/s and a 500 us ceiling spin 0.8 % of a core at most).
 */
final class SpinMargin {

    /** Added to 1.5 x the overshoot peak: the cost of waking and re-reading the clock. */
    static final long GUARD_NANOS = 20_000L;
    /** The peak decays by 1/2^DECAY_SHIFT of its distance to each smaller sample. */
    static final int DECAY_SHIFT = 6;

    private final long minNanos;
    private final long maxNanos;
    private long peakNanos;
    private long marginNanos;

    /**
     * A margin that starts at {@code initialNanos}.
     *
     * @param minNanos the floor, in nanos
     * @param initialNanos the margin before anything is measured, in nanos
     * @param maxNanos the ceiling, in nanos
     */
    SpinMargin(long minNanos, long initialNanos, long maxNanos) {
        if (minNanos < 0 || minNanos > initialNanos || initialNanos > maxNanos || maxNanos > 100_000_000L) {
            throw new IllegalArgumentException("spin margins must satisfy 0 <= min <= initial <= max <= 100 ms, were "
                    + minNanos + ", " + initialNanos + ", " + maxNanos + " ns");
        }
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.marginNanos = initialNanos;
        this.peakNanos = Math.max(0, (initialNanos - GUARD_NANOS) * 2 / 3);
    }

    /**
     * Takes one measured overshoot. Allocation free.
     *
     * @param overshootNanos how much later than asked a park returned; negative (an early
     *        return: an unpark or a spurious wake-up) is ignored
     */
    void observe(long overshootNanos) {
        if (overshootNanos < 0) {
            return;
        }
        if (overshootNanos >= peakNanos) {
            peakNanos = overshootNanos;
        } else {
            peakNanos -= (peakNanos - overshootNanos) >> DECAY_SHIFT;
        }
        long m = peakNanos + (peakNanos >> 1) + GUARD_NANOS;
        marginNanos = Math.max(minNanos, Math.min(maxNanos, m));
    }

    /**
     * The current margin.
     *
     * @return nanos
     */
    long marginNanos() {
        return marginNanos;
    }
}
