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
    void shouldNotReturnBeforeTheDeadlineUnlessWoken(WaitStrategy strategy) {
        for (int i = 0; i < 20; i++) {
            long deadline = System.nanoTime() + 300_000L;
            strategy.await(SystemNanoClock.INSTANCE, deadline, () -> false);
            // Spurious early returns are allowed by the contract but none of ours makes one.
            assertThat(Deadlines.reached(System.nanoTime(), deadline)).isTrue();
        }
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
