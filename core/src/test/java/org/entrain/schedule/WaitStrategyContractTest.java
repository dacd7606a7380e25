package org.entrain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.entrain.clock.Deadlines;
import org.entrain.clock.ManualNanoClock;
import org.entrain.clock.SystemNanoClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every wait strategy keeps, run against each one. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitStrategyContractTest {

    /** Bound on waiting for another thread's progress: a hang guard, not a timing figure. */
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);

    /** Each strategy, and whether it parks while its deadline is far (the spinning ones return to the caller's loop). */
    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of(WaitStrategies.parkThenSpin(), true),
                Arguments.of(WaitStrategies.parkThenSpin(0), true),
                Arguments.of(WaitStrategies.busySpin(), false),
                Arguments.of(WaitStrategies.park(), true),
                Arguments.of(WaitStrategies.named("spin"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldLetTheCallerReachTheDeadlineByWaitingAgain(WaitStrategy strategy, boolean parks) {
        // Early returns are allowed (the spinning strategies return after one pause so that the
        // caller's loop is the spin); waiting again until the clock says so always gets there.
        for (int i = 0; i < 20; i++) {
            long deadline = System.nanoTime() + 300_000L;
            long calls = 0;
            while (!Deadlines.reached(System.nanoTime(), deadline)) {
                strategy.await(SystemNanoClock.INSTANCE, deadline, () -> false);
                calls++;
            }
            assertThat(calls).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldNotParkPastTheDeadline(WaitStrategy strategy, boolean parks) {
        // One call never sleeps far beyond its deadline (generous bound for a shared machine).
        long deadline = System.nanoTime() + 2_000_000L;
        strategy.await(SystemNanoClock.INSTANCE, deadline, () -> false);
        assertThat(System.nanoTime() - deadline).isLessThan(2_000_000_000L);
    }

    /**
     * The dispatcher's situation: its thread waits (parked, for the strategies that park) for a
     * far deadline or none, and a live change sets the wake flag and unparks it. The waiter calls
     * the strategy in the caller's loop, which stops only on the flag; a strategy that ignores
     * the flag (parks again, sleeps to the deadline) never lets it return, one that never parks
     * never reaches WAITING, one that spins inside a call makes no progress between flag checks.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldReturnToTheCallerWhenAParkedWaiterIsWoken(WaitStrategy strategy, boolean parks) throws Exception {
        for (long deadline : new long[] {Deadlines.NULL_DEADLINE, System.nanoTime() + TimeUnit.HOURS.toNanos(1)}) {
            AtomicBoolean wake = new AtomicBoolean();
            AtomicLong calls = new AtomicLong();
            Thread waiter = new Thread(() -> {
                while (!wake.get()) {
                    strategy.await(SystemNanoClock.INSTANCE, deadline, wake::get);
                    calls.incrementAndGet();
                }
            }, "waiter");
            waiter.setDaemon(true);
            waiter.start();
            long giveUp = System.nanoTime() + PATIENCE_NANOS;
            if (parks) {
                // Wait until it is parked inside the strategy: WAITING (no deadline) or TIMED_WAITING.
                while (!isParked(waiter) && System.nanoTime() - giveUp < 0) {
                    Thread.onSpinWait();
                }
                assertThat(isParked(waiter)).as("%s parks while its deadline is far (deadline %d)", strategy, deadline)
                        .isTrue();
                long parkedAfter = calls.get();
                LockSupport.parkNanos(20_000_000L);
                // Spurious wake-ups are allowed, a stream of returns is not: a parked waiter stays parked.
                assertThat(calls.get() - parkedAfter).as("%s returned while nothing woke it", strategy)
                        .isLessThanOrEqualTo(2);
            } else {
                // A spinning strategy returns to the caller's loop after each pause.
                while (calls.get() < 1000 && System.nanoTime() - giveUp < 0) {
                    Thread.onSpinWait();
                }
                assertThat(calls.get()).as("%s returns to the caller's loop", strategy).isGreaterThanOrEqualTo(1000);
            }
            wake.set(true);
            LockSupport.unpark(waiter);
            waiter.join(TimeUnit.NANOSECONDS.toMillis(PATIENCE_NANOS));
            assertThat(waiter.isAlive()).as("%s returned after the wake (deadline %d)", strategy, deadline).isFalse();
        }
    }

    private static boolean isParked(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shouldReturnAtOnceForADeadlineInThePast(WaitStrategy strategy, boolean parks) {
        // On a clock that never moves, only the deadline check can end a call: a strategy that
        // parked or spun regardless would hang here (the class's @Timeout).
        ManualNanoClock frozen = new ManualNanoClock(5_000_000_000L);
        for (long past : new long[] {frozen.nanoTime(), frozen.nanoTime() - 1, frozen.nanoTime() - 1_000_000_000L}) {
            for (int i = 0; i < 1000; i++) {
                strategy.await(frozen, past, () -> false);
            }
        }
    }
}
