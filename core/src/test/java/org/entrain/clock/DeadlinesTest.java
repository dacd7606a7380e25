package org.entrain.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeadlinesTest {

    @Test
    void shouldCompareAcrossTheWrapOfTheClock() {
        long justBeforeWrap = Long.MAX_VALUE - 10;
        long justAfterWrap = justBeforeWrap + 100; // negative
        assertThat(justAfterWrap).isNegative();
        assertThat(Deadlines.before(justBeforeWrap, justAfterWrap)).isTrue();
        assertThat(Deadlines.reached(justAfterWrap, justBeforeWrap)).isTrue();
        assertThat(Deadlines.reached(justBeforeWrap, justAfterWrap)).isFalse();
        assertThat(Deadlines.earlier(justAfterWrap, justBeforeWrap)).isEqualTo(justBeforeWrap);
    }

    @Test
    void shouldCompareNegativeReadings() {
        assertThat(Deadlines.before(-5, -3)).isTrue();
        assertThat(Deadlines.reached(-3, -3)).isTrue();
        assertThat(Deadlines.secondsToNanos(1.5)).isEqualTo(1_500_000_000L);
    }

    @Test
    void shouldMoveAManualClockOnlyWhenTold() {
        ManualNanoClock clock = new ManualNanoClock(-100);
        assertThat(clock.nanoTime()).isEqualTo(-100);
        assertThat(clock.advance(150)).isEqualTo(50);
        clock.set(Long.MIN_VALUE);
        assertThat(clock.nanoTime()).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> clock.advance(-1)).hasMessageContaining("-1");
    }
}
