package org.entrain.clock;

/**
 * Wrap-safe comparisons of nanosecond readings from one {@link NanoClock}. Stateless.
 *
 * <p>Two readings are compared by the sign of their difference, which stays right when the clock
 * is negative or wraps past {@link Long#MAX_VALUE}, as long as they are less than 2<sup>63</sup>
 * ns (292 years) apart.
 */
public final class Deadlines {

    /** The sentinel for "no deadline": used instead of boxing or {@code Optional}. */
    public static final long NULL_DEADLINE = Long.MAX_VALUE;

    private Deadlines() {
    }

    /**
     * Whether {@code now} has reached {@code deadline}.
     *
     * @param now a reading, in nanoseconds
     * @param deadline a reading on the same clock, in nanoseconds
     * @return true if {@code now - deadline >= 0}
     */
    public static boolean reached(long now, long deadline) {
        return now - deadline >= 0;
    }

    /**
     * Whether {@code a} is strictly before {@code b}.
     *
     * @param a a reading, in nanoseconds
     * @param b a reading on the same clock, in nanoseconds
     * @return true if {@code a - b < 0}
     */
    public static boolean before(long a, long b) {
        return a - b < 0;
    }

    /**
     * The earlier of two readings.
     *
     * @param a a reading, in nanoseconds
     * @param b a reading on the same clock, in nanoseconds
     * @return {@code a} if it is before {@code b}, else {@code b}
     */
    public static long earlier(long a, long b) {
        return a - b < 0 ? a : b;
    }

    /**
     * Converts seconds to whole nanoseconds, rounding to nearest.
     *
     * @param seconds a time or duration, in seconds
     * @return the same in nanoseconds
     */
    public static long secondsToNanos(double seconds) {
        return Math.round(seconds * 1e9);
    }
}
