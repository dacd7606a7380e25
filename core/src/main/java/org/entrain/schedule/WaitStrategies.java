package org.entrain.schedule;

import java.util.concurrent.locks.LockSupport;
import org.entrain.clock.Deadlines;
import org.entrain.clock.NanoClock;

/**
 * The wait strategies. Each is stateless and thread safe.
 *
 * <table>
 *   <caption>Lateness against the CPU they use (see benchmarks/README.md for measured figures)</caption>
 *   <tr><th>strategy</th><th>lateness</th><th>CPU</th></tr>
 *   <tr><td>{@link #parkThenSpin(long)} (default, 200 us)</td><td>a few us; a park overshoot is absorbed by the spin margin</td><td>the spin margin per deadline</td></tr>
 *   <tr><td>{@link #busySpin()}</td><td>lowest when it keeps its core; with 2 cores the OS may preempt it for ms</td><td>a whole core</td></tr>
 *   <tr><td>{@link #park()}</td><td>the OS timer slack, ~50-100 us on Linux</td><td>almost none</td></tr>
 * </table>
 */
public final class WaitStrategies {

    /** The default spin margin of {@link #parkThenSpin(long)}: 200 us. */
    public static final long DEFAULT_SPIN_NANOS = 200_000L;

    private static final WaitStrategy BUSY_SPIN = new BusySpin();
    private static final WaitStrategy PARK = new Park();
    private static final WaitStrategy PARK_THEN_SPIN = new ParkThenSpin(DEFAULT_SPIN_NANOS);

    private WaitStrategies() {
    }

    /**
     * Spins with {@link Thread#onSpinWait()} until the deadline: burns a core. Each call pauses
     * once and returns, so that the caller's loop is the spin.
     *
     * @return the strategy
     */
    public static WaitStrategy busySpin() {
        return BUSY_SPIN;
    }

    /**
     * Parks until the deadline: cheap, late by the OS timer slack.
     *
     * @return the strategy
     */
    public static WaitStrategy park() {
        return PARK;
    }

    /**
     * Parks until {@code spinNanos} before the deadline, then spins: the default.
     *
     * @return the strategy with a 200 us margin
     */
    public static WaitStrategy parkThenSpin() {
        return PARK_THEN_SPIN;
    }

    /**
     * Parks until {@code spinNanos} before the deadline, then spins; within the spin margin each
     * call pauses once and returns, so that the caller's loop is the spin.
     *
     * @param spinNanos the spin margin, 0..100 ms
     * @return the strategy
     */
    public static WaitStrategy parkThenSpin(long spinNanos) {
        if (spinNanos < 0 || spinNanos > 100_000_000L) {
            throw new IllegalArgumentException("spin margin must be between 0 and 100 ms, was " + spinNanos + " ns");
        }
        return spinNanos == DEFAULT_SPIN_NANOS ? PARK_THEN_SPIN : new ParkThenSpin(spinNanos);
    }

    /**
     * The strategy with a command-line name: {@code park-then-spin}, {@code spin}, {@code park}.
     *
     * @param name the name
     * @return the strategy
     */
    public static WaitStrategy named(String name) {
        if ("park-then-spin".equals(name)) {
            return PARK_THEN_SPIN;
        } else if ("spin".equals(name)) {
            return BUSY_SPIN;
        } else if ("park".equals(name)) {
            return PARK;
        }
        throw new IllegalArgumentException("wait strategy '" + name + "' is not one of park-then-spin, spin, park");
    }

    private static final class BusySpin implements WaitStrategy {
        @Override
        public void await(NanoClock clock, long deadlineNanos, WakeSignal wake) {
            // One pause per call, then back to the caller's loop (an early return is allowed):
            // see ParkThenSpin.
            if (!wake.isSet() && (deadlineNanos == Deadlines.NULL_DEADLINE
                    || !Deadlines.reached(clock.nanoTime(), deadlineNanos))) {
                Thread.onSpinWait();
            }
        }

        @Override
        public String toString() {
            return "spin";
        }
    }

    private static final class Park implements WaitStrategy {
        @Override
        public void await(NanoClock clock, long deadlineNanos, WakeSignal wake) {
            while (!wake.isSet()) {
                if (deadlineNanos == Deadlines.NULL_DEADLINE) {
                    LockSupport.park(this);
                    return;
                }
                long remaining = deadlineNanos - clock.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, remaining);
            }
        }

        @Override
        public String toString() {
            return "park";
        }
    }

    private static final class ParkThenSpin implements WaitStrategy {
        private final long spinNanos;

        ParkThenSpin(long spinNanos) {
            this.spinNanos = spinNanos;
        }

        @Override
        public void await(NanoClock clock, long deadlineNanos, WakeSignal wake) {
            while (!wake.isSet()) {
                if (deadlineNanos == Deadlines.NULL_DEADLINE) {
                    LockSupport.park(this);
                    return;
                }
                long remaining = deadlineNanos - clock.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                if (remaining > spinNanos) {
                    LockSupport.parkNanos(this, remaining - spinNanos);
                } else {
                    // Spin in the caller's loop (an early return is allowed): the dispatcher then
                    // runs its doWork path thousands of times per cue, which keeps that code
                    // compiled and in cache for the moment the deadline is reached.
                    Thread.onSpinWait();
                    return;
                }
            }
        }

        @Override
        public String toString() {
            return "park-then-spin(" + spinNanos + " ns)";
        }
    }
}
