package org.entrain.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.entrain.clock.Deadlines;
import org.entrain.clock.SystemNanoClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every wait strategy keeps, run against each one. */
class WaitStrategyContractTest {

    static Stream<WaitStrategy> strategies() {
        return Stream.of(WaitStrategies.parkThenSpin(), WaitStrategies.parkThenSpin(0), WaitStrategies.busySpin(),
                WaitStrategies.park(), WaitStrategies.named("spin"));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void shouldLetTheCallerReachTheDeadlineByWaitingAgain(WaitStrategy strategy) {
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

    @ParameterizedTest
    @MethodSource("strategies")
    void shouldNotParkPastTheDeadline(WaitStrategy strategy) {
        // One call never sleeps far beyond its deadline (generous bound for a shared machine).
        long deadline = System.nanoTime() + 2_000_000L;
        strategy.await(SystemNanoClock.INSTANCE, deadline, () -> false);
        assertThat(System.nanoTime() - deadline).isLessThan(2_000_000_000L);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void shouldReturnWhenWokenWhileWaitingWithoutDeadline(WaitStrategy strategy) throws Exception {
        AtomicBoolean wake = new AtomicBoolean();
        Thread waiter = new Thread(() -> strategy.await(SystemNanoClock.INSTANCE, Deadlines.NULL_DEADLINE, wake::get));
        waiter.start();
        wake.set(true);
        java.util.concurrent.locks.LockSupport.unpark(waiter);
        waiter.join(10_000);
        assertThat(waiter.isAlive()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void shouldReturnAtOnceForADeadlineInThePast(WaitStrategy strategy) {
        long past = System.nanoTime() - 1_000_000_000L;
        strategy.await(SystemNanoClock.INSTANCE, past, () -> false);
        assertThat(Deadlines.reached(System.nanoTime(), past)).isTrue();
    }
}
