package org.entrain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The adaptive spin margin, fed measured overshoots by hand. */
class SpinMarginTest {

    private static final long US = 1_000L;

    @Test
    void shouldRiseAtOnceToCoverALargerOvershootAndDecaySlowlyToTheFloor() {
        SpinMargin m = new SpinMargin(50 * US, 200 * US, 500 * US);
        assertThat(m.marginNanos()).isEqualTo(200 * US);

        m.observe(250 * US);
        assertThat(m.marginNanos()).isEqualTo(250 * US + 125 * US + SpinMargin.GUARD_NANOS);

        // One quiet park lowers it by 1/64 of the distance only.
        m.observe(10 * US);
        long afterOne = m.marginNanos();
        assertThat(afterOne).isLessThan(395 * US).isGreaterThan(380 * US);

        for (int i = 0; i < 2_000; i++) {
            m.observe(10 * US);
        }
        // Peak -> 10 us: 15 us + 20 us = 35 us, below the floor.
        assertThat(m.marginNanos()).isEqualTo(50 * US);
    }

    @Test
    void shouldStayWithinTheCeilingAndIgnoreEarlyReturns() {
        SpinMargin m = new SpinMargin(50 * US, 200 * US, 500 * US);
        m.observe(5_000 * US);
        assertThat(m.marginNanos()).isEqualTo(500 * US);
        SpinMargin n = new SpinMargin(50 * US, 200 * US, 500 * US);
        n.observe(-3_000 * US);
        assertThat(n.marginNanos()).isEqualTo(200 * US);
    }

    @Test
    void shouldRejectMarginsOutOfOrder() {
        assertThatThrownBy(() -> new SpinMargin(300 * US, 200 * US, 500 * US))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min <= initial <= max");
    }
}
