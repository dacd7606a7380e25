package org.entrain.clock;

/**
 * A source of monotonic nanosecond time, injected wherever the engine needs "now".
 *
 * <p>Implementations are thread safe. Values are only meaningful as differences: they may be
 * negative and may wrap, so compare two readings {@code a} and {@code b} by subtraction
 * ({@code a - b > 0}), never with {@code a > b}. {@link Deadlines} has the helpers.
 */
@FunctionalInterface
public interface NanoClock {

    /**
     * Returns the current time.
     *
     * @return the current time in nanoseconds on this clock's own time line
     */
    long nanoTime();
}
