package org.entrain.schedule;

import java.util.concurrent.locks.LockSupport;
import org.entrain.clock.Deadlines;
import org.entrain.clock.NanoClock;

/**
 * The wait strategies. Each is thread safe; all but the adaptive park-then-spin are stateless,
 * and that one ({@link #parkThenSpin()}, a new instance per call) learns from the thread that
 * waits on it, so give each waiting thread its own.
 *
 * <table>
 *   <caption>Lateness against the CPU they use (see benchmarks/README.md for measured figures)</caption>
 *   <tr><th>strategy</th><th>lateness</th><th>CPU</th></tr>
 *   <tr><td>{@link #parkThenSpin()} (default: margin adapts, 50..500 us)</td><td>a few us; the margin follows the measured park overshoot</td><td>the spin margin per deadline</td></tr>
 *   <tr><td>{@link #parkThenSpin(long)} (a fixed margin)</td><td>a few us while parks overshoot less than the margin</td><td>the spin margin per deadline</td></tr>
 *   <tr><td>{@link #busySpin()}</td><td>lowest when it keeps its core; with 2 cores the OS may preempt it for ms</td><td>a whole core</td></tr>
 *   <tr><td>{@link #park()}</td><td>the OS timer slack, ~50-100 us on Linux</td><td>almost none</td></tr>
 * </table>
 */
public final class WaitStrategies {

    /** The fixed spin margin of {@link #named(String) named("park-then-spin-fixed")}, and the adaptive margin's start: 200 us. */
    public static final long DEFAULT_SPIN_NANOS = 200_000L;
    /** The adaptive margin's floor: 50 us. */
    public static final long MIN_ADAPTIVE_SPIN_NANOS = 50_000L;
    /** The adaptive margin's ceiling: 500 us. */
    public static final long MAX_ADAPTIVE_SPIN_NANOS = 500_000L;

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
     * The default: parks until a margin before the deadline, then spins, with the margin following
     * the park overshoot this thread measures (see {@link SpinMargin}: 1.5 x a decaying peak of the
     * overshoot + 20 us, from 200 us, within 50..500 us). A new instance per call: one per waiting
     * thread.
     *
     * @return a new adaptive strategy
     */
    public static WaitStrategy parkThenSpin() {
        return new AdaptiveParkThenSpin(new SpinMargin(MIN_ADAPTIVE_SPIN_NANOS, DEFAULT_SPIN_NANOS,
                MAX_ADAPTIVE_SPIN_NANOS));
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
     * The strategy with a command-line name: {@code park-then-spin} (adaptive, a new instance),
     * {@code park-then-spin-fixed} (200 us), {@code spin}, {@code park}.
     *
     * @param name the name
     * @return the strategy
     */
    public static WaitStrategy named(String name) {
        if ("park-then-spin".equals(name)) {
            return parkThenSpin();
        } else if ("park-then-spin-fixed".equals(name)) {
            return PARK_THEN_SPIN;
        } else if ("spin".equals(name)) {
            return BUSY_SPIN;
        } else if ("park".equals(name)) {
            return PARK;
        }
        throw new IllegalArgumentException("wait strategy '" + name + "' is not one of park-then-spin, park-then-spin-fixed, spin, park");
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

    /** Park-then-spin whose margin follows the measured park overshoot. */
    private static final class AdaptiveParkThenSpin implements WaitStrategy {
        private final SpinMargin margin;

        AdaptiveParkThenSpin(SpinMargin margin) {
            this.margin = margin;
        }

        @Override
        public void await(NanoClock clock, long deadlineNanos, WakeSignal wake) {
            while (!wake.isSet()) {
                if (deadlineNanos == Deadlines.NULL_DEADLINE) {
                    LockSupport.park(this);
                    return;
                }
                long now = clock.nanoTime();
                long remaining = deadlineNanos - now;
                if (remaining <= 0) {
                    return;
                }
                long spin = margin.marginNanos();
                if (remaining > spin) {
                    long wakeAt = deadlineNanos - spin;
                    LockSupport.parkNanos(this, wakeAt - now);
                    if (!wake.isSet()) {
                        margin.observe(clock.nanoTime() - wakeAt);
                    }
                } else {
                    // As ParkThenSpin: the caller's loop is the spin.
                    Thread.onSpinWait();
                    return;
                }
            }
        }

        @Override
        public String toString() {
            return "park-then-spin(adaptive, now " + margin.marginNanos() + " ns)";
        }
    }
}
