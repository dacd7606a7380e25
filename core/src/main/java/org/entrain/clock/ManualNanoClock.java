package org.entrain.clock;

/**
 * A clock that moves only when told to: for tests and offline rendering. Thread safe: readers
 * see the last value set by any thread.
 *
 * <p>It may start anywhere, including at a negative time or just below {@link Long#MAX_VALUE}
 * so that tests can check that nothing compares readings with {@code >}.
 */
public final class ManualNanoClock implements NanoClock {

    private volatile long nanos;

    /**
     * Creates a clock that reads {@code startNanos} until moved.
     *
     * @param startNanos the first reading, in nanoseconds
     */
    public ManualNanoClock(long startNanos) {
        this.nanos = startNanos;
    }

    /** Creates a clock that reads 0 until moved. */
    public ManualNanoClock() {
        this(0L);
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    /**
     * Sets the time.
     *
     * @param nanos the new reading, in nanoseconds
     */
    public void set(long nanos) {
        this.nanos = nanos;
    }

    /**
     * Moves the time forward.
     *
     * @param deltaNanos how far to move, in nanoseconds; not negative
     * @return the new reading
     * @throws IllegalArgumentException if {@code deltaNanos} is negative
     */
    public synchronized long advance(long deltaNanos) {
        if (deltaNanos < 0) {
            throw new IllegalArgumentException("deltaNanos must be >= 0, was " + deltaNanos);
        }
        long next = nanos + deltaNanos;
        nanos = next;
        return next;
    }

    @Override
    public String toString() {
        return "ManualNanoClock[" + nanos + "]";
    }
}
