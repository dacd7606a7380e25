package org.entrain.schedule;

import org.entrain.clock.NanoClock;

/**
 * How the dispatcher thread waits for the next deadline: the trade between lateness (jitter) and
 * CPU. Implementations are thread safe; one may learn from the thread that waits on it (the
 * adaptive park-then-spin), so give each waiting thread its own instance. See {@link WaitStrategies}.
 */
public interface WaitStrategy {

    /**
     * Something that asks the waiting thread to return early (a live change arrived).
     */
    @FunctionalInterface
    interface WakeSignal {
        /**
         * Whether the waiter should return now.
         *
         * @return true to stop waiting
         */
        boolean isSet();
    }

    /**
     * Waits until {@code clock} reaches {@code deadlineNanos} or {@code wake} is set. May return
     * early (a spurious wake-up); the caller checks the clock again. Allocation free.
     *
     * @param clock the clock the deadline is on
     * @param deadlineNanos the deadline, or {@link org.entrain.clock.Deadlines#NULL_DEADLINE} to wait for {@code wake} only
     * @param wake the early-return signal
     */
    void await(NanoClock clock, long deadlineNanos, WakeSignal wake);
}
